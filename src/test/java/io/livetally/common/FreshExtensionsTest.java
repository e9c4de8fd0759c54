package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.event.EventEmitter;

/**
 * An answer never carries an extension added for an earlier answer: SmallRye's event chain, as the service runs it
 * (every registered EventingService, in SmallRye's order), starts each execution with no added extensions, so the
 * gate's {@code cost} and the replica's {@code lagMs} appear only on the answers they were measured for.
 */
class FreshExtensionsTest {

    @Test
    void anEarlierAnswersExtensionsAreGoneBeforeTheNextExecutionAddsItsOwn() {
        SmallRyeContext context = new SmallRyeContext(FreshExtensionsTest.class.getName());
        context.addExtension("cost", Map.of("requested", 7));
        context.addExtension("replica", Map.of("lagMs", 1200L));

        EventEmitter.getInstance().fireBeforeExecute(context);

        assertThat(context.getAddedExtensions()).isEmpty();
    }

    @Test
    void anAnswerWithoutExtensionsStaysWithout() {
        SmallRyeContext context = new SmallRyeContext(FreshExtensionsTest.class.getName());

        EventEmitter.getInstance().fireBeforeExecute(context);
        EventEmitter.getInstance().fireAfterExecute(context);

        assertThat(context.getAddedExtensions()).isNullOrEmpty();
    }
}
