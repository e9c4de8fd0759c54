package io.livetally.security;

import java.util.List;
import java.util.Map;

import io.livetally.common.TestData;

/**
 * Two districts, each with a township, a supplier, a product, a host on its own platform and a LIVE
 * session with one order: what a matrix test needs to look across a scope's border.
 */
record Scene(District fengjie, District wuxi) {

    /** One district's slice of the scene. */
    record District(String code, String township, String supplier, String product, String streamer,
            String platform, String session, String order, String externalId) {
    }

    static Scene create(TestData data) {
        return new Scene(district(data, TestData.FENGJIE, "douyin"), district(data, TestData.WUXI, "kuaishou"));
    }

    private static District district(TestData data, String code, String platform) {
        String township = data.township(code);
        String supplier = data.supplier(township);
        String product = data.product(supplier, township, "10.00", "10.00");
        String streamer = data.streamer(township, platform);
        String session = data.scheduledSession(streamer, township, List.of(product));
        data.start(session);
        Map<String, Object> order = data.livestreamOrder(session, product);
        order.put("platform", platform);
        String orderId = data.record(order);
        return new District(code, township, supplier, product, streamer, platform, session, orderId,
                (String) order.get("externalId"));
    }
}
