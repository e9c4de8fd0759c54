package io.livetally.order;

/** Where a poverty-alleviation product was sold: 直播带货, 线上平台, 智能专柜, 商超专区, 展销会. */
public enum Channel {
    LIVESTREAM, ONLINE_PLATFORM, SMART_CABINET, SUPERMARKET, FAIR
}
