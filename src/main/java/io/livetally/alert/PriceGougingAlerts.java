package io.livetally.alert;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Raises PRICE_GOUGING alerts on the write path, after the orders' commit and before their acknowledgement, so an
 * official's subscription hears of a flagged order about as soon as the platform does. Never fails the write: the
 * orders are committed whatever happens here.
 */
@ApplicationScoped
public class PriceGougingAlerts {

    private final AlertRepository alerts;

    public PriceGougingAlerts(AlertRepository alerts) {
        this.alerts = alerts;
    }

    /** {@code flagged}: ids of orders just recorded (not replays) whose price was flagged; the flag's ratio. */
    public Uni<Void> committed(List<Long> flagged, BigDecimal ratio) {
        if (flagged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return alerts.priceGouging(flagged, ratio).replaceWithVoid().onFailure().recoverWithItem(e -> {
            Log.warnf("price-gouging alerts of %d orders not raised: %s", flagged.size(), e.toString());
            return null;
        });
    }
}
