package io.livetally.catalog;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** The product was delisted from the catalogue: it takes no new orders and joins no new sessions. */
@ErrorCode("product-delisted")
public class ProductDelistedException extends DomainException {

    public ProductDelistedException(long productId) {
        super("product " + productId + " is delisted");
    }
}
