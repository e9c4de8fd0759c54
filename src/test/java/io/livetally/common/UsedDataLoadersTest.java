package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;

import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.language.Document;
import graphql.parser.Parser;

/** An execution keeps exactly the loaders a field of its document can ask for. */
class UsedDataLoadersTest {

    private static DataLoaderRegistry schemaLoaders() {
        DataLoaderRegistry all = new DataLoaderRegistry();
        for (String name : List.of("ProductSales_product", "LiveSession_products", "Region_children", "Some_Type_product",
                "Streamer_sessions", "unnamed")) {
            DataLoader<Object, Object> loader = DataLoaderFactory.newDataLoader(
                    keys -> CompletableFuture.completedFuture(List.copyOf(keys)));
            all.register(name, loader);
        }
        return all;
    }

    @Test
    void theFieldNamesOfEveryOperationAndFragmentAreRead() {
        Document document = Parser.parse("""
                query($id: ID!) { session(id: $id) { stats { ...figures byProduct { product { id name } } } } }
                fragment figures on LiveStats { gmv ... on LiveStats { renamed: orderCount } }
                mutation { recordOrder(input: {}) { duplicate } }""");

        assertThat(UsedDataLoaders.fieldNames(document)).containsExactlyInAnyOrder("session", "stats", "byProduct",
                "product", "id", "name", "gmv", "orderCount", "recordOrder", "duplicate");
        assertThat(UsedDataLoaders.fieldNames(document)).isSameAs(UsedDataLoaders.fieldNames(document));
    }

    @Test
    void onlyTheLoadersOfFieldsOfTheDocumentAreKept() {
        DataLoaderRegistry all = schemaLoaders();

        DataLoaderRegistry used = UsedDataLoaders.used(all, Set.of("session", "stats", "byProduct", "product", "id"));

        // Both loaders of a field named product (one of a type whose name holds '_'), and any name SmallRye did not make.
        assertThat(used.getKeys()).containsExactlyInAnyOrder("ProductSales_product", "Some_Type_product", "unnamed");
        assertThat(used.getDataLoader("ProductSales_product")).isSameAs(all.getDataLoader("ProductSales_product"));
    }

    @Test
    void aDocumentThatCanAskForNoLoaderGetsAnEmptyRegistryThatStillTakesTheLoadersOfArgumentBatches() {
        DataLoaderRegistry all = schemaLoaders();
        all.unregister("unnamed");

        DataLoaderRegistry used = UsedDataLoaders.used(all, Set.of("__typename"));

        assertThat(used.getKeys()).isEmpty();
        assertThat(used).isNotSameAs(EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY);
        DataLoader<Object, Object> registered = used.computeIfAbsent("livetally:productCount",
                name -> DataLoaderFactory.newDataLoader(keys -> CompletableFuture.completedFuture(List.copyOf(keys))));
        assertThat(used.getDataLoader("livetally:productCount")).isSameAs(registered);
    }

    @Test
    void aDocumentThatCanAskForEveryLoaderKeepsTheRegistry() {
        DataLoaderRegistry all = schemaLoaders();

        assertThat(UsedDataLoaders.used(all, Set.of("product", "products", "children", "sessions"))).isSameAs(all);
    }
}
