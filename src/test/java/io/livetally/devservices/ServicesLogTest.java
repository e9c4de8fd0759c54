package io.livetally.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up line names the servers, never a password. */
class ServicesLogTest {

    @Test
    void aRedisPasswordIsNeverLogged() {
        assertThat(ServicesLog.withoutPassword("external redis://:s3cret@redis.example:6379/1"))
                .isEqualTo("external redis://***@redis.example:6379/1").doesNotContain("s3cret");
        assertThat(ServicesLog.withoutPassword("external redis://user:s3cret@redis.example:6379"))
                .doesNotContain("s3cret");
        assertThat(ServicesLog.withoutPassword("embedded 127.0.0.1:6379")).isEqualTo("embedded 127.0.0.1:6379");
    }
}
