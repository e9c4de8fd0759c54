package io.livetally.catalog;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** The supplier is on the dishonesty blacklist: its products take no new orders or listings. */
@ErrorCode("supplier-blacklisted")
public class SupplierBlacklistedException extends DomainException {

    public SupplierBlacklistedException(long supplierId) {
        super("supplier " + supplierId + " is blacklisted");
    }
}
