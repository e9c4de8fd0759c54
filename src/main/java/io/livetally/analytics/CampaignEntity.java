package io.livetally.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.livetally.order.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A campaign: the write model. */
@Entity
@Table(name = "campaign")
public class CampaignEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @Column(name = "origin_region_code")
    public String originRegionCode;
    @Column(name = "buyer_province")
    public String buyerProvince;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    @Column(name = "target_amount")
    public BigDecimal targetAmount;

    Campaign view() {
        return new Campaign(id, name, buyerProvince, channel, startsOn, endsOn, targetAmount, originRegionCode);
    }
}
