package io.livetally.catalog;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.livetally.common.IdentityEntity;

/** A catalogue product (扶贫产品): the write model. */
@Entity
@Table(name = "product")
public class ProductEntity extends IdentityEntity {

    public String name;
    public String category;
    @Column(name = "origin_region_code")
    public String originRegionCode;
    @Column(name = "supplier_id")
    public Long supplierId;
    @Column(name = "unit_price")
    public BigDecimal unitPrice;
    @Column(name = "reference_price")
    public BigDecimal referencePrice;
    public boolean listed;
    @Column(name = "delist_reason")
    public String delistReason;

    Product view() {
        return new Product(id, name, category, unitPrice, referencePrice, listed, delistReason, originRegionCode,
                supplierId);
    }
}
