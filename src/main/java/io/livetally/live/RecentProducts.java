package io.livetally.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.catalog.CatalogRepository;
import io.livetally.catalog.Product;
import io.smallrye.mutiny.Uni;

/**
 * The products named in live stats, kept for two seconds: a dashboard polling a session many times
 * a second reads its handful of products from memory instead of PostgreSQL. Product details shown
 * next to live counters may lag a catalogue change by that much; the catalogue's own queries never do.
 */
@ApplicationScoped
public class RecentProducts {

    static final Duration TTL = Duration.ofSeconds(2);

    private record Entry(Product product, long expiresAt) {
    }

    private final CatalogRepository catalog;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    public RecentProducts(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    Uni<Map<Long, Product>> get(Collection<Long> ids) {
        long now = System.nanoTime();
        Map<Long, Product> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Entry entry = entries.get(id);
            if (entry != null && entry.expiresAt() - now > 0) {
                found.put(id, entry.product());
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        if (entries.size() > 10_000) {
            entries.clear();
        }
        return catalog.products(missing).map(loaded -> {
            long expiresAt = System.nanoTime() + TTL.toNanos();
            loaded.forEach((id, product) -> {
                entries.put(id, new Entry(product, expiresAt));
                found.put(id, product);
            });
            return found;
        });
    }
}
