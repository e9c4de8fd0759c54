package io.livetally.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A live session (直播场次) and its featured products: the write model of the lifecycle. */
@Entity
@Table(name = "live_session")
public class LiveSessionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String title;
    @Column(name = "streamer_id")
    public Long streamerId;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "campaign_id")
    public Long campaignId;
    @Enumerated(EnumType.STRING)
    public SessionStatus status;
    @Column(name = "scheduled_start")
    public Instant scheduledStart;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    /** Two hosts' clicks (or a retry) racing on one session: the loser fails instead of overwriting. */
    @Version
    public int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "live_session_product", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "position")
    @Column(name = "product_id")
    public List<Long> productIds = new ArrayList<>();

    LiveSession view() {
        return new LiveSession(id, title, status, scheduledStart, startedAt, endedAt, streamerId, regionCode,
                campaignId);
    }
}
