package io.livetally.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.order.Channel;
import io.vertx.mutiny.sqlclient.Row;

/** A sales target over a slice of sales (活动 / 目标), as clients see it. */
@Description("A target over a filtered slice of sales, e.g. Chongqing goods sold to Shandong in Jan-Aug.")
@ReadWithParent
public record Campaign(
        @Id long id,
        @NonNull String name,
        @Description("Only buyers of this province (GB/T 2260 code such as 370000) count; all when null.")
        String buyerProvince,
        @Description("Only this channel counts; all when null.") Channel channel,
        @NonNull @Description("First day of the campaign, included, in the business time zone.") LocalDate startsOn,
        @NonNull @Description("Last day of the campaign, included, in the business time zone.") LocalDate endsOn,
        @NonNull BigDecimal targetAmount,
        @Ignore String originRegionCode) {

    static final String COLUMNS = "id, name, buyer_province, channel, starts_on, ends_on, target_amount,"
            + " origin_region_code";

    static Campaign from(Row row) {
        String channel = row.getString("channel");
        return new Campaign(row.getLong("id"), row.getString("name"), row.getString("buyer_province"),
                channel == null ? null : Channel.valueOf(channel), row.getLocalDate("starts_on"),
                row.getLocalDate("ends_on"), row.getBigDecimal("target_amount"), row.getString("origin_region_code"));
    }
}
