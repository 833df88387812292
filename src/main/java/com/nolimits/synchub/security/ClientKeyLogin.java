package com.nolimits.synchub.security;

import com.nolimits.synchub.channel.ClientDirectory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;


/**
 * A client's login on the form (the operator's console at /console/): the client's id as the user name,
 * its API key as the password. The session is then that client's, as its key would be: it reaches only
 * the client's own data. Names that are no client's are left to the operator's login.
 */
class ClientKeyLogin implements AuthenticationProvider {

    private final ClientDirectory clients;

    ClientKeyLogin(ClientDirectory clients) {
        this.clients = clients;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        var client = clients.clients().get(login.getName());
        if (client == null || client.getApiKey() == null || client.getApiKey().isBlank()) {
            return null;
        }
        String given = login.getCredentials() == null ? "" : login.getCredentials().toString();
        if (!ApiKeyFilter.same(given, client.getApiKey())) {
            throw new BadCredentialsException("wrong API key for client " + login.getName());
        }
        var session = UsernamePasswordAuthenticationToken.authenticated(Caller.client(login.getName()), null,
                AuthorityUtils.createAuthorityList("ROLE_" + Caller.CLIENT_ROLE));
        session.setDetails(login.getDetails());
        return session;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
