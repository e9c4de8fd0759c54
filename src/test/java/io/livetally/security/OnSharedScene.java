package io.livetally.security;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import io.livetally.common.TestData;

/**
 * A read-only security test over one {@link AnalyticsScene}, built once for its class (about 30 mutations) by its
 * first test instead of before each: the tests only read it. A test that records or creates something builds its
 * own scene. (Built in the first {@code @BeforeEach}, not in {@code @BeforeAll}: Quarkus points the HTTP client
 * at the test port only before each test.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnSharedScene {

    @Inject
    TestData data;

    AnalyticsScene scene;

    @BeforeEach
    void buildTheSceneOnce() {
        if (scene == null) {
            scene = AnalyticsScene.create(data);
        }
    }
}
