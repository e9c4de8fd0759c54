package io.livetally.analytics;

import io.livetally.order.BuyerType;
import io.livetally.order.Channel;

/**
 * The finest split an analytics statement answers: a channel and, when the buyers' mix was asked for, the buyers'
 * province ('' unknown), type and whether the product was certified when sold (null otherwise).
 */
record Cell(Channel channel, String province, BuyerType buyerType, Boolean certified) {
}
