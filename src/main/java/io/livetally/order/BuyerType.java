package io.livetally.order;

import org.eclipse.microprofile.graphql.Description;

/**
 * Who bought (消费扶贫's buyer mechanisms): 普通消费者, 预算单位采购 (832 platform), 定点帮扶 units, 东西部协作 (鲁渝),
 * 市级扶贫集团, 企业和社会力量.
 */
@Description("Who bought: an ordinary consumer, a budget unit's procurement (预算单位, the 832 platform), a pairing-"
        + "assistance unit (定点帮扶), east-west cooperation (东西部协作, e.g. Shandong buying Chongqing goods), a"
        + " municipal assistance group (市级扶贫集团), or an enterprise or social organisation.")
public enum BuyerType {
    CONSUMER, BUDGET_UNIT, PAIRING_UNIT, EAST_WEST_COOPERATION, ASSISTANCE_GROUP, ENTERPRISE
}
