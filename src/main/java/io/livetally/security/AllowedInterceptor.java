package io.livetally.security;

import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/**
 * Applies {@link Allowed} before a resolver runs. A refusal of a {@code Uni} resolver is a failed {@code Uni}, not
 * a throw: SmallRye masks what a batch ({@code @Source List}) resolver throws, losing the code. A subscription's
 * refusal is thrown: SmallRye sends nothing for a stream that fails before its first item.
 */
@Allowed({})
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 100)
public class AllowedInterceptor {

    private final Access access;

    public AllowedInterceptor(Access access) {
        this.access = access;
    }

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        Allowed rule = context.getMethod().getAnnotation(Allowed.class);
        try {
            Scope scope = access.scope();
            if (rule == null || !Arrays.asList(rule.value()).contains(scope.role())) {
                throw new ForbiddenException("this field is not open to the caller's role");
            }
        } catch (ForbiddenException | UnauthenticatedException refused) {
            if (Uni.class.isAssignableFrom(context.getMethod().getReturnType())) {
                return Uni.createFrom().failure(refused);
            }
            throw refused;
        }
        return context.proceed();
    }
}
