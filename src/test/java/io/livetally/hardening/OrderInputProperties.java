package io.livetally.hardening;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.hardening.BadInputs.badEnum;
import static io.livetally.hardening.BadInputs.badId;
import static io.livetally.hardening.BadInputs.badInt;
import static io.livetally.hardening.BadInputs.badPrice;
import static io.livetally.hardening.BadInputs.extremeDateTime;
import static io.livetally.hardening.BadInputs.invalidOptionalText;
import static io.livetally.hardening.BadInputs.invalidText;
import static io.livetally.hardening.BadInputs.unparseableDateTime;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.livetally.common.Gen;
import io.livetally.common.Seeds;
import io.livetally.common.TestData;
import io.livetally.hardening.BadInputs.EnumValue;
import io.livetally.hardening.CleanAnswers.Answer;
import io.livetally.hardening.CleanAnswers.Client;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Properties: the platforms' write path (recordOrder, recordOrders, refundOrder, recordViewerEvents)
 * refuses generated bad input cleanly and changes nothing: no order, no refund, no viewer counted.
 * Each order is a valid one with one to three fields replaced by bad values.
 */
@QuarkusTest
@ExtendWith(Seeds.OnFailure.class)
class OrderInputProperties {

    private static final int TRIES = MutationInputProperties.TRIES;
    private static final String STATS =
            "session(id: $id) { stats { views likes currentViewers uniqueViewers orderCount } }";

    @Inject
    TestData data;
    @Inject
    StoredRows rows;

    private record Catalogue(String product, String delisted, String ofBlacklisted, String notFeatured, String live,
            String scheduled, String cancelled) {
    }

    private Catalogue catalogue() {
        String product = data.product(TestData.FENGJIE);
        String delisted = data.product(TestData.FENGJIE);
        String supplier = data.supplier(TestData.FENGJIE);
        String ofBlacklisted = data.product(supplier, TestData.FENGJIE, "10.00", "10.00");
        data.blacklist(supplier);
        data.delist(delisted);
        String cancelled = data.scheduledSession(product);
        data.cancel(cancelled);
        return new Catalogue(product, delisted, ofBlacklisted, data.product(TestData.FENGJIE),
                data.liveSession(product), data.scheduledSession(product), cancelled);
    }

    @Test
    void recordOrderRefusesBadInputAndStoresNothing() {
        Catalogue c = catalogue();
        Faults faults = Faults.of(c);
        Operation record = Operation.mutation("recordOrder",
                "recordOrder(input: $input) { duplicate order { id quantity unitPrice amount } }",
                "input", "OrderInput!");
        CleanAnswers answers = new CleanAnswers("recordOrder");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES * 2; i++) {
            answers.refused(record, Map.of("input", badOrder(answers, c, faults)),
                    answers.pick(Client.platform("douyin"), Client.platform("kuaishou"), Client.host("1")));
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }

    @Test
    void recordOrdersRejectsEveryBadOrderOfABatchAndStoresNothing() {
        Catalogue c = catalogue();
        Faults faults = Faults.of(c);
        Operation record = Operation.mutation("recordOrders",
                "recordOrders(inputs: $inputs) { accepted duplicates rejected { index externalId reason } }",
                "inputs", "[OrderInput!]!");
        CleanAnswers answers = new CleanAnswers("recordOrders");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES; i++) {
            List<Object> batch = new ArrayList<>();
            for (int n = answers.between(1, 5); n > 0; n--) {
                batch.add(badOrder(answers, c, faults));
            }
            if (answers.chance(0.05)) {
                batch.add(null);
            }
            if (answers.chance(0.02)) {
                batch = new ArrayList<>(Collections.nCopies(1001, data.order(c.product(), "FAIR", Instant.now())));
            }
            Answer answer = answers.send(record, Map.of("inputs", batch), answers.pick(Client.platform("douyin")));
            Map<String, Object> receipt = answer.data();
            if (receipt != null) {
                List<Map<String, Object>> rejected = asList(receipt.get("rejected"));
                int stored = ((Number) receipt.get("accepted")).intValue()
                        + ((Number) receipt.get("duplicates")).intValue();
                if (stored != 0 || rejected.size() != batch.size()) {
                    answers.finding("recordOrders: a bad order was not rejected", batch + " -> " + answer.body());
                }
                rejected.stream().map(r -> String.valueOf(r.get("reason")))
                        .filter(reason -> !CleanAnswers.CODES.contains(reason.split(":")[0]))
                        .forEach(reason -> answers.finding("recordOrders: reason without a documented code", reason));
            }
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }

    @Test
    void refundOrderRefusesBadOrUnknownKeysAndRefundsNothing() {
        Operation refund = Operation.mutation("refundOrder",
                "refundOrder(platform: $platform, externalId: $externalId) { id status }",
                "platform", "String!", "externalId", "String!");
        Map<String, Gen<?>> bad = Map.of("platform", invalidText(50), "externalId", invalidText(200));
        CleanAnswers answers = new CleanAnswers("refundOrder");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES; i++) {
            Map<String, Object> key = new HashMap<>(Map.of("platform", "douyin", "externalId", data.unique("unknown")));
            answers.refused(refund, answers.chance(0.2) ? key : answers.corrupt(key, bad),
                    answers.pick(Client.platform("douyin"), Client.platform("kuaishou")));
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }

    @Test
    void recordViewerEventsRefusesBadEventsAndCountsNoViewer() {
        Catalogue c = catalogue();
        Operation record = Operation.mutation("recordViewerEvents",
                "recordViewerEvents(sessionId: $sessionId, events: $events) { views likes currentViewers }",
                "sessionId", "ID!", "events", "[ViewerEventInput!]!");
        Map<String, Gen<?>> bad = Map.of("type", badEnum(), "viewerRef", invalidText(200),
                "at", unparseableDateTime());
        Object statsBefore = data("query($id: ID!) { " + STATS + " }", Map.of("id", c.live())).get("session.stats");
        CleanAnswers answers = new CleanAnswers("recordViewerEvents");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES; i++) {
            List<Object> events = new ArrayList<>();
            for (int n = answers.between(0, 3); n > 0; n--) {
                events.add(Map.of("type", new EnumValue("JOIN"), "viewerRef", data.unique("viewer")));
            }
            Object sessionId = c.live();
            switch (answers.between(0, 9)) {
                case 0, 1 -> sessionId = answers.draw(badId());
                case 2 -> sessionId = answers.oneOf(List.of(c.scheduled(), c.cancelled()));
                case 3 -> events.add(null);
                case 4 -> events = new ArrayList<>(Collections.nCopies(1001, Map.of("type", new EnumValue("LIKE"),
                        "viewerRef", "v")));
                default -> events.add(answers.corrupt(Map.of("type", new EnumValue("JOIN"), "viewerRef", "v"), bad));
            }
            answers.refused(record, Map.of("sessionId", sessionId, "events", events),
                    answers.pick(Client.platform("douyin"), Client.platform("kuaishou")));
        }
        answers.assertClean();
        rows.assertNothingStoredSince(before);
        assertThat(data("query($id: ID!) { " + STATS + " }", Map.of("id", c.live())).<Object>get("session.stats"))
                .as("the live session's viewer figures").isEqualTo(statsBefore);
    }

    /** Bad values for each field of an order; a LIVESTREAM order's session and product can be wrong in more ways. */
    private record Faults(Map<String, Gen<?>> livestream, Map<String, Gen<?>> other) {

        static Faults of(Catalogue c) {
            Map<String, Gen<?>> common = Map.of("platform", invalidText(50), "externalId", invalidText(200),
                    "channel", badEnum(), "quantity", badInt(1, 10_000),
                    "unitPrice", badPrice(new BigDecimal("1000000.00")),
                    "buyerProvince", BadInputs.badProvince(), "buyerRef", invalidOptionalText(200),
                    "placedAt", Gen.oneOf(unparseableDateTime(), extremeDateTime(),
                            Gen.<Object>of(Instant.now().plusSeconds(3600).toString(), "2000-01-01T00:00:00+08:00")));
            Map<String, Gen<?>> livestream = new HashMap<>(common);
            livestream.put("sessionId", Gen.oneOf(badId(), Gen.<Object>of(c.scheduled(), c.cancelled()),
                    Gen.constant(null)));
            livestream.put("productId", Gen.oneOf(badId(),
                    Gen.<Object>of(c.delisted(), c.ofBlacklisted(), c.notFeatured())));
            Map<String, Gen<?>> other = new HashMap<>(common);
            other.put("sessionId", Gen.oneOf(badId(), Gen.constant(c.live())));
            other.put("productId", Gen.oneOf(badId(), Gen.<Object>of(c.delisted(), c.ofBlacklisted())));
            return new Faults(livestream, other);
        }
    }

    /** A valid order with one to three fields bad; a LIVESTREAM order (in the live session) now and then. */
    private static Map<String, Object> badOrder(CleanAnswers answers, Catalogue c, Faults faults) {
        boolean livestream = answers.chance(0.3);
        Map<String, Object> valid = new HashMap<>();
        valid.put("platform", "douyin");
        valid.put("externalId", "HX-" + System.nanoTime());
        valid.put("channel", new EnumValue(livestream ? "LIVESTREAM" : answers.oneOf(List.of("ONLINE_PLATFORM",
                "SMART_CABINET", "SUPERMARKET", "FAIR"))));
        valid.put("productId", c.product());
        valid.put("quantity", 1);
        valid.put("unitPrice", "10.00");
        valid.put("buyerProvince", "370000");
        valid.put("buyerRef", "buyer");
        valid.put("placedAt", Instant.now().minusSeconds(1).toString());
        if (livestream) {
            valid.put("sessionId", c.live());
        }
        return answers.corrupt(valid, livestream ? faults.livestream() : faults.other());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asList(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }
}
