package io.livetally.hardening;

import static io.livetally.hardening.BadInputs.badDate;
import static io.livetally.hardening.BadInputs.badEnum;
import static io.livetally.hardening.BadInputs.badId;
import static io.livetally.hardening.BadInputs.badInt;
import static io.livetally.hardening.BadInputs.badPrice;
import static io.livetally.hardening.BadInputs.badRegionCode;
import static io.livetally.hardening.BadInputs.extremeDateTime;
import static io.livetally.hardening.BadInputs.invalidText;
import static io.livetally.hardening.BadInputs.oddValidText;
import static io.livetally.hardening.BadInputs.unparseableDateTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.livetally.common.Gen;
import io.livetally.common.Seeds;
import io.livetally.common.TestData;
import io.livetally.hardening.BadInputs.EnumValue;
import io.livetally.hardening.CleanAnswers.Client;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Properties: every catalogue, host, campaign and session mutation refuses generated bad input cleanly
 * (no 5xx, no internals, a documented code) and stores nothing. Each input is a valid one with one to
 * three fields replaced by bad values, so every field's check is reached, not only the first one's.
 * Generation is seeded per property (see {@link Seeds}).
 */
@QuarkusTest
@ExtendWith(Seeds.OnFailure.class)
class MutationInputProperties {

    static final int TRIES = 100;
    private static final BigDecimal MAX_CATALOGUE_PRICE = new BigDecimal("9999999999.99");

    @Inject
    TestData data;
    @Inject
    StoredRows rows;

    @Test
    void registerStreamerRefusesBadInputAndStoresNothing() {
        Operation register = Operation.mutation("registerStreamer", "registerStreamer(input: $input) { id handle }",
                "input", "StreamerInput!");
        Map<String, Gen<?>> bad = Map.of("handle", invalidText(100), "displayName", invalidText(200),
                "kind", badEnum(), "platform", invalidText(50), "homeRegionCode", badRegionCode());
        storesNothing("registerStreamer", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Map<String, Object> valid = Map.of("handle", data.unique("host"), "displayName", "果农",
                        "kind", new EnumValue("FARMER"), "platform", "douyin", "homeRegionCode", TestData.FENGJIE);
                answers.refused(register, Map.of("input", answers.corrupt(valid, bad)),
                        answers.pick(Client.official(TestData.FENGJIE), Client.platform("douyin")));
            }
        });
    }

    @Test
    void registerSupplierRefusesBadInputAndStoresNothing() {
        Operation register = Operation.mutation("registerSupplier", "registerSupplier(input: $input) { id }",
                "input", "SupplierInput!");
        Map<String, Gen<?>> bad = Map.of("name", invalidText(200), "regionCode", badRegionCode(),
                "householdsBenefited", badInt(0, 10_000_000));
        storesNothing("registerSupplier", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Map<String, Object> valid = Map.of("name", data.unique("合作社"), "regionCode", TestData.FENGJIE,
                        "householdsBenefited", 12);
                answers.refused(register, Map.of("input", answers.corrupt(valid, bad)),
                        answers.pick(Client.official(TestData.FENGJIE)));
            }
        });
    }

    @Test
    void certifyAndBlacklistSupplierRefuseBadIdsAndReasons() {
        String supplier = data.supplier(TestData.FENGJIE);
        Operation certify = Operation.mutation("certifySupplier", "certifySupplier(id: $id) { id }", "id", "ID!");
        Operation blacklist = Operation.mutation("blacklistSupplier",
                "blacklistSupplier(id: $id, reason: $reason) { id blacklisted }", "id", "ID!", "reason", "String!");
        storesNothing("certifyAndBlacklistSupplier", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Client client = answers.pick(Client.official(TestData.FENGJIE), Client.host("1"));
                if (answers.chance(0.3)) {
                    answers.refused(certify, Map.of("id", answers.draw(badId())), client);
                } else if (answers.chance(0.5)) {
                    answers.refused(blacklist, Map.of("id", answers.draw(badId()), "reason", "虚假宣传"), client);
                } else {
                    answers.refused(blacklist, Map.of("id", supplier, "reason", answers.draw(invalidText(500))),
                            client);
                }
            }
        });
    }

    @Test
    void registerProductRefusesBadInputAndStoresNothing() {
        String supplier = data.supplier(TestData.FENGJIE);
        String blacklisted = data.supplier(TestData.FENGJIE);
        data.blacklist(blacklisted);
        Operation register = Operation.mutation("registerProduct", "registerProduct(input: $input) { id unitPrice }",
                "input", "ProductInput!");
        Map<String, Gen<?>> bad = Map.of("name", invalidText(200), "category", invalidText(100),
                "originRegionCode", badRegionCode(),
                "supplierId", Gen.oneOf(badId(), Gen.constant(blacklisted)),
                "unitPrice", badPrice(MAX_CATALOGUE_PRICE), "referencePrice", badPrice(MAX_CATALOGUE_PRICE));
        storesNothing("registerProduct", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Map<String, Object> valid = data.productInput(supplier, TestData.FENGJIE);
                answers.refused(register, Map.of("input", answers.corrupt(valid, bad)),
                        answers.pick(Client.official(TestData.FENGJIE), Client.official(TestData.WUXI)));
            }
        });
    }

    @Test
    void delistProductRefusesBadIdsAndReasons() {
        String product = data.product(TestData.FENGJIE);
        Operation delist = Operation.mutation("delistProduct", "delistProduct(id: $id, reason: $reason) { id listed }",
                "id", "ID!", "reason", "String!");
        storesNothing("delistProduct", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Client client = answers.pick(Client.official(TestData.FENGJIE), Client.platform("douyin"));
                if (answers.chance(0.5)) {
                    answers.refused(delist, Map.of("id", answers.draw(badId()), "reason", "认定过期"), client);
                } else {
                    answers.refused(delist, Map.of("id", product, "reason", answers.draw(invalidText(500))), client);
                }
            }
        });
    }

    @Test
    void createCampaignRefusesBadInputAndStoresNothing() {
        Operation create = Operation.mutation("createCampaign", "createCampaign(input: $input) { id }",
                "input", "CampaignInput!");
        Map<String, Gen<?>> bad = Map.of("name", invalidText(200), "originRegionCode", badRegionCode(),
                "buyerProvince", BadInputs.badProvince(), "channel", badEnum(), "startsOn", badDate(),
                "endsOn", badDate(), "targetAmount", badPrice(MAX_CATALOGUE_PRICE));
        storesNothing("createCampaign", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Map<String, Object> valid = new HashMap<>(Map.of("name", data.unique("鲁渝协作"),
                        "originRegionCode", TestData.FENGJIE, "buyerProvince", "370000", "startsOn", "2025-01-01",
                        "endsOn", "2025-12-31", "targetAmount", "1000.00"));
                Map<String, Object> input = answers.corrupt(valid, bad);
                if (answers.chance(0.1)) {
                    input.putAll(Map.of("startsOn", "2025-12-31", "endsOn", "2025-01-01"));
                }
                answers.refused(create, Map.of("input", input),
                        answers.pick(Client.official(TestData.FENGJIE), Client.host("1")));
            }
        });
    }

    @Test
    void scheduleSessionRefusesBadInputAndStoresNothing() {
        String streamer = data.streamer(TestData.FENGJIE);
        String product = data.product(TestData.FENGJIE);
        String delisted = data.product(TestData.FENGJIE);
        data.delist(delisted);
        Operation schedule = Operation.mutation("scheduleSession", "scheduleSession(input: $input) { id }",
                "input", "SessionInput!");
        List<String> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(String.valueOf(9_000_000_000L + i));
        }
        Map<String, Gen<?>> bad = Map.of("title", invalidText(200), "streamerId", badId(),
                "regionCode", badRegionCode(),
                "scheduledStart", Gen.oneOf(unparseableDateTime(), extremeDateTime()),
                "productIds", Gen.oneOf(badId().map(List::of),
                        Gen.<Object>of(List.of(), List.of(product, product), List.of(delisted), fiftyOne,
                                java.util.Collections.singletonList(null))),
                "campaignId", badId());
        storesNothing("scheduleSession", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Map<String, Object> valid = Map.of("title", data.unique("直播带货"), "streamerId", streamer,
                        "regionCode", TestData.FENGJIE, "productIds", List.of(product),
                        "scheduledStart", Instant.now().plus(1, ChronoUnit.HOURS).toString());
                answers.refused(schedule, Map.of("input", answers.corrupt(valid, bad)),
                        answers.pick(Client.host(streamer), Client.official(TestData.FENGJIE)));
            }
        });
    }

    @Test
    void sessionLifecycleRefusesBadIdsAndIllegalSteps() {
        String product = data.product(TestData.FENGJIE);
        String live = data.liveSession(product);
        String ended = data.liveSession(product);
        data.end(ended);
        String cancelled = data.scheduledSession(product);
        data.cancel(cancelled);
        List<Operation> steps = List.of("startSession", "endSession", "cancelSession").stream()
                .map(step -> Operation.mutation(step, step + "(id: $id) { id status }", "id", "ID!")).toList();
        storesNothing("sessionLifecycle", answers -> {
            for (int i = 0; i < TRIES; i++) {
                Operation step = answers.oneOf(steps);
                List<Object> illegal = new ArrayList<>(List.of(ended, cancelled));
                if (!step.path().equals("endSession")) {
                    illegal.add(live);
                }
                Object id = answers.chance(0.7) ? answers.draw(badId()) : answers.oneOf(illegal);
                answers.refused(step, Map.of("id", id),
                        answers.pick(Client.host("1"), Client.official(TestData.FENGJIE)));
            }
        });
    }

    /** Odd but valid text is stored as sent (trimmed), within its limit: success is right here, if the row is. */
    @Test
    void oddButValidTextIsStoredTrimmedAndWhole() {
        Operation supplier = Operation.mutation("registerSupplier", "registerSupplier(input: $input) { id name }",
                "input", "SupplierInput!");
        Operation streamer = Operation.mutation("registerStreamer",
                "registerStreamer(input: $input) { id handle displayName platform }", "input", "StreamerInput!");
        CleanAnswers answers = new CleanAnswers("oddButValidText");
        StoredRows.Snapshot before = rows.snapshot();
        for (int i = 0; i < TRIES / 2; i++) {
            String name = answers.draw(oddValidText(200));
            expectStored(answers, answers.send(supplier, Map.of("input", Map.of("name", name,
                    "regionCode", TestData.FENGJIE, "householdsBenefited", 0)), Client.admin()), "name", name);
            String displayName = answers.draw(oddValidText(200));
            String handle = answers.draw(oddValidText(90)).strip() + data.unique("");
            CleanAnswers.Answer registered = answers.send(streamer, Map.of("input", Map.of("handle", handle,
                    "displayName", displayName, "kind", new EnumValue("ENTREPRENEUR"), "platform", "kuaishou",
                    "homeRegionCode", TestData.WUXI)), Client.admin());
            expectStored(answers, registered, "displayName", displayName);
            expectStored(answers, registered, "handle", handle);
        }
        answers.assertClean();
        rows.assertValidSince(before);
    }

    private static void expectStored(CleanAnswers answers, CleanAnswers.Answer answer, String field, String sent) {
        Map<String, Object> stored = answer.data();
        if (stored == null) {
            answers.finding("odd but valid " + field + " refused", sent + " -> " + answer.body());
        } else if (!sent.strip().equals(stored.get(field))) {
            answers.finding("odd but valid " + field + " not stored as sent", sent + " -> " + stored.get(field));
        }
    }

    private void storesNothing(String property, Consumer<CleanAnswers> tries) {
        CleanAnswers answers = new CleanAnswers(property);
        StoredRows.Snapshot before = rows.snapshot();
        tries.accept(answers);
        answers.assertClean();
        rows.assertNothingStoredSince(before);
    }
}
