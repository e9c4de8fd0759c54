package io.livetally.streamer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.livetally.common.IdentityEntity;

/** A livestream host (主播): the write model. */
@Entity
@Table(name = "streamer")
public class StreamerEntity extends IdentityEntity {

    public String handle;
    @Column(name = "display_name")
    public String displayName;
    @Enumerated(EnumType.STRING)
    public StreamerKind kind;
    public String platform;
    @Column(name = "home_region_code")
    public String homeRegionCode;

    Streamer view() {
        return new Streamer(id, handle, displayName, kind, platform, homeRegionCode);
    }
}
