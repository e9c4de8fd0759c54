package io.livetally.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.livetally.common.IdentityEntity;

/** A certified (or not yet certified) supplier of poverty-alleviation products: the write model. */
@Entity
@Table(name = "supplier")
public class SupplierEntity extends IdentityEntity {

    public String name;
    @Column(name = "region_code")
    public String regionCode;
    public boolean certified;
    public boolean blacklisted;
    @Column(name = "blacklist_reason")
    public String blacklistReason;
    @Column(name = "households_benefited")
    public int householdsBenefited;

    Supplier view() {
        return new Supplier(id, name, certified, blacklisted, blacklistReason, householdsBenefited, regionCode);
    }
}
