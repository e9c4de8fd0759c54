package io.livetally.demo;

import java.time.Instant;
import java.util.List;

import io.livetally.catalog.Product;

/** A LIVE session the simulator feeds: the platform its host streams on, its featured products still listed. */
record DemoSession(long id, Instant startedAt, String platform, List<Product> products) {
}
