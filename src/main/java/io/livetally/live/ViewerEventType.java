package io.livetally.live;

/** A viewer joined the live room, left it, liked, followed, shared or commented, or saw, clicked or carted a product. */
public enum ViewerEventType {
    JOIN, LEAVE, LIKE, PRODUCT_IMPRESSION, PRODUCT_CLICK, ADD_TO_CART, FOLLOW, SHARE, COMMENT
}
