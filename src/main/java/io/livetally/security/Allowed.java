package io.livetally.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The access rule of one GraphQL field's resolver: the roles (each with its scope claim, see {@link Scope}) that
 * may resolve it; admins are listed like any other role. Every other caller gets {@code forbidden}, a caller
 * without a token {@code unauthenticated}, before the resolver runs ({@link AllowedInterceptor}). Which rows a
 * role sees is its {@link Scope}, applied where the rows are read. {@code AccessRulesTest} fails for a field of
 * the served schema without a rule.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Allowed {

    @Nonbinding
    Role[] value();
}
