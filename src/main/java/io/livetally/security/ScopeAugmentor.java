package io.livetally.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Derives the caller's {@link Scope} once, when the token is verified (HTTP and the WebSocket's connection_init
 * alike), and keeps only the role it grants: a role whose scope claim is missing is dropped, so no check can
 * honour it by mistake.
 */
@ApplicationScoped
public class ScopeAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Scope scope = Scope.of(identity);
        QuarkusSecurityIdentity.Builder scoped = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(Scope.ATTRIBUTE, scope);
        if (scope.role() != null) {
            scoped.addRole(scope.role().claim());
        }
        return Uni.createFrom().item(scoped.build());
    }
}
