package io.livetally.hardening;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.livetally.common.Cursor;
import io.livetally.common.Gen;
import io.livetally.common.TestData;
import io.livetally.hardening.BadInputs.EnumValue;
import io.livetally.hardening.Schema.InputValue;
import io.livetally.hardening.Schema.Type;
import io.livetally.hardening.Schema.TypeRef;

/**
 * Values for any argument or input field of the served schema: valid ones (the test's own rows, known
 * regions, sensible amounts and times), boundary ones (the edges of each documented range) and hostile
 * ones ({@link BadInputs}, wrong shapes, nulls where the schema says non-null), chosen by type and name.
 */
final class ArgumentValues {

    /** Rows of the test's own that valid values name. */
    record World(String streamer, String supplier, String product, String liveSession, String scheduledSession,
            String campaign) {

        List<String> ids() {
            return List.of(streamer, supplier, product, liveSession, scheduledSession, campaign);
        }
    }

    enum Tier { VALID, BOUNDARY, HOSTILE }

    private static final Gen<Tier> TIERS = Gen.frequency(Gen.weight(5, Gen.constant(Tier.VALID)),
            Gen.weight(3, Gen.constant(Tier.BOUNDARY)), Gen.weight(2, Gen.constant(Tier.HOSTILE)));
    private static final Gen<Object> REGIONS = Gen.of(TestData.CHONGQING, TestData.FENGJIE, TestData.WUXI,
            TestData.WULONG, TestData.CHANGSHOU);
    private static final Gen<Object> BAD_BOOLEANS = Gen.of("yes", "", "TRUE", 0, 1, 1.5, List.of(true),
            Map.of("v", true));
    private static final Gen<Object> BOUNDARY_INTS = Gen.of(0, -1, 1, 100, 101, 10_000, 10_001, 10_000_000,
            10_000_001, Integer.MAX_VALUE, Integer.MIN_VALUE);
    private static final Gen<Object> BOUNDARY_IDS = Gen.of("0", "1", "2147483647", "2147483648",
            "9223372036854775807", "-1", "01");
    private static final Gen<Object> BOUNDARY_CODES = Gen.of("500000", "500236001", "500236001001", "110000",
            "5002360010010", "50023", "000000");
    private static final Gen<Object> BOUNDARY_DECIMALS = Gen.of("0.01", "0.00", "1000000.00", "1000000.01",
            "9999999999.99", "10000000000.00", "-0.01", 0, new BigDecimal("0.001"), "1e2");
    private static final Gen<Object> BOUNDARY_DATE_TIMES = Gen.of("1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999999Z", "2000-01-01T00:00:00Z", "2019-12-31T16:00:00Z", "2020-02-29T16:00:00Z",
            "9999-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2020-01-01T00:00:00+14:00",
            "2020-01-01T00:00:00-18:00");
    private static final Gen<Object> BOUNDARY_DATES = Gen.of("2000-01-01", "1999-12-31", "2100-12-31", "2101-01-01",
            "9999-12-31", "+999999999-12-31", "-999999999-01-01", "2024-02-29");

    private final Schema schema;
    private final World world;

    ArgumentValues(Schema schema, World world) {
        this.schema = schema;
        this.world = world;
    }

    /** A value for the argument or field {@code name} of {@code owner} (a field's or input type's name). */
    Object value(Random random, String owner, String name, TypeRef type) {
        return value(random, owner, name, type, TIERS.next(random), 0);
    }

    private Object value(Random random, String owner, String name, TypeRef type, Tier tier, int depth) {
        if (tier == Tier.HOSTILE && random.nextInt(8) == 0) {
            return random.nextBoolean() ? null : Gen.of("x", 5, List.of(), Map.of("zz", 1)).next(random);
        }
        if (!type.nonNull() && random.nextInt(10) == 0) {
            return null;
        }
        if (type.list()) {
            return list(random, owner, name, type, tier, depth);
        }
        Type named = schema.type(type.named());
        return switch (named.kind()) {
            case "ENUM" -> tier == Tier.HOSTILE ? BadInputs.badEnum().next(random)
                    : new EnumValue(Gen.of(named.enumValues().toArray(String[]::new)).next(random));
            case "INPUT_OBJECT" -> input(random, named, tier, depth);
            default -> scalar(random, owner, name, named.name(), tier);
        };
    }

    private Object list(Random random, String owner, String name, TypeRef type, Tier tier, int depth) {
        int size = switch (tier) {
            case VALID -> 1 + random.nextInt(3);
            case BOUNDARY -> Gen.of(0, 1, 50, 51, 1000, 1001).next(random);
            case HOSTILE -> random.nextInt(4);
        };
        String element = type.element().named();
        if (size > 51 && !element.equals("OrderInput") && !element.equals("ViewerEventInput")) {
            size = 51;
        }
        if (size > 51) {
            // a batch at the limit: one element repeated, as a platform's retry storm sends it
            return Collections.nCopies(size, value(random, owner, name, type.element(), Tier.VALID, depth + 1));
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(value(random, owner, name, type.element(), tier, depth + 1));
        }
        if (tier == Tier.HOSTILE && random.nextBoolean()) {
            values.add(null);
        }
        return values;
    }

    private Map<String, Object> input(Random random, Type type, Tier tier, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (InputValue field : type.inputFields()) {
            boolean hostileHere = tier == Tier.HOSTILE && random.nextInt(3) == 0;
            if (!field.type().nonNull() && random.nextInt(3) == 0 || hostileHere && random.nextInt(6) == 0) {
                continue;
            }
            Tier fieldTier = tier == Tier.HOSTILE && !hostileHere ? Tier.VALID : tier;
            fields.put(field.name(), depth > 3 ? null
                    : value(random, type.name(), field.name(), field.type(), fieldTier, depth + 1));
        }
        if (tier == Tier.HOSTILE && random.nextInt(5) == 0) {
            fields.put("zz" + random.nextInt(10), "unknown field");
        }
        return fields;
    }

    private Object scalar(Random random, String owner, String name, String scalar, Tier tier) {
        return switch (scalar) {
            case "ID" -> id(random, owner, name, tier);
            case "Int" -> switch (tier) {
                case VALID -> validInt(random, name);
                case BOUNDARY -> BOUNDARY_INTS.next(random);
                case HOSTILE -> BadInputs.badInt(0, 100).next(random);
            };
            case "BigDecimal", "BigInteger", "Float" -> switch (tier) {
                case VALID -> Gen.decimals(new BigDecimal("0.01"), new BigDecimal("1000"), 2)
                        .map(d -> random.nextBoolean() ? d.toPlainString() : d).next(random);
                case BOUNDARY -> BOUNDARY_DECIMALS.next(random);
                case HOSTILE -> BadInputs.badPrice(new BigDecimal("1000000.00")).next(random);
            };
            case "DateTime" -> switch (tier) {
                case VALID -> validDateTime(random, name);
                case BOUNDARY -> BOUNDARY_DATE_TIMES.next(random);
                case HOSTILE -> Gen.oneOf(BadInputs.unparseableDateTime(), BadInputs.extremeDateTime()).next(random);
            };
            case "Date" -> switch (tier) {
                case VALID -> LocalDate.of(2025, 1, 1).plusDays(name.startsWith("end") ? 180 + random.nextInt(400)
                        : random.nextInt(180)).toString();
                case BOUNDARY -> BOUNDARY_DATES.next(random);
                case HOSTILE -> BadInputs.badDate().next(random);
            };
            case "Boolean" -> tier == Tier.HOSTILE ? BAD_BOOLEANS.next(random) : random.nextBoolean();
            default -> string(random, owner, name, tier);
        };
    }

    private Object id(Random random, String owner, String name, Tier tier) {
        boolean region = name.toLowerCase().contains("code");
        if (tier == Tier.HOSTILE) {
            return (region ? BadInputs.badRegionCode() : BadInputs.badId()).next(random);
        }
        if (tier == Tier.BOUNDARY) {
            return (region ? BOUNDARY_CODES : BOUNDARY_IDS).next(random);
        }
        if (region) {
            return REGIONS.next(random);
        }
        return switch (name) {
            case "sessionId" -> Gen.of(world.liveSession(), world.scheduledSession()).next(random);
            case "productId", "productIds" -> world.product();
            case "streamerId" -> world.streamer();
            case "supplierId" -> world.supplier();
            case "campaignId" -> world.campaign();
            default -> Gen.of(world.ids().toArray()).next(random);
        };
    }

    private Object string(Random random, String owner, String name, Tier tier) {
        if (tier == Tier.HOSTILE) {
            return switch (name) {
                case "after" -> BadInputs.badCursor(cursorKind(owner)).next(random);
                case "buyerProvince" -> BadInputs.badProvince().next(random);
                default -> Gen.oneOf(BadInputs.invalidText(200), Gen.text(0, 300)).next(random);
            };
        }
        if (tier == Tier.BOUNDARY) {
            return name.equals("after") ? BadInputs.extremeCursor(cursorKind(owner)).next(random)
                    : Gen.of(0, 1, 6, 7, 50, 51, 100, 101, 200, 201, 500, 501).map("脐"::repeat).next(random);
        }
        String unique = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        return switch (name) {
            case "platform" -> Gen.of("douyin", "kuaishou", "taobao-live").next(random);
            case "after" -> Cursor.of(cursorKind(owner), 1 + random.nextInt(1000));
            case "buyerProvince" -> Gen.of("370000", "500000", "110000").next(random);
            case "externalId", "handle", "buyerRef", "viewerRef" -> "fz-" + unique;
            case "category" -> Gen.of("水果", "腊肉", "粉丝").next(random);
            default -> random.nextBoolean() ? "直播带货 " + unique : BadInputs.oddValidText(100).next(random);
        };
    }

    private static Object validInt(Random random, String name) {
        return switch (name) {
            case "quantity" -> 1 + random.nextInt(5);
            case "householdsBenefited" -> random.nextInt(10_000);
            default -> random.nextInt(101);
        };
    }

    /** Recent and past instants: a placedAt within the last hour, periods from the past to about now. */
    private static Object validDateTime(Random random, String name) {
        Instant now = Instant.now();
        return switch (name) {
            case "placedAt", "at" -> now.minusSeconds(random.nextInt(3600)).toString();
            case "scheduledStart" -> now.plusSeconds(3600 + random.nextInt(30 * 86_400)).toString();
            case "to" -> now.plusSeconds(86_400 - random.nextInt(2 * 86_400)).toString();
            default -> Instant.parse("2019-12-31T16:00:00Z").plusSeconds(random.nextInt(200_000_000)).toString();
        };
    }

    private static String cursorKind(String owner) {
        return switch (owner) {
            case "streamers" -> "streamer";
            case "products" -> "product";
            case "sessions" -> "session";
            default -> "order";
        };
    }
}
