package com.nolimits.synchub.sandbox.jtl;

import com.nolimits.synchub.sandbox.SandboxProperties;
import com.nolimits.synchub.sandbox.common.Sandbox;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The simulated JTL-FFN merchant accounts. JTL has no webhooks: the hub polls the update feeds. */
@Component
@Profile("sandbox")
public class JtlSandbox implements Sandbox {

    private final Map<String, JtlMerchant> merchants = new LinkedHashMap<>();
    private final SandboxProperties properties;

    public JtlSandbox(SandboxProperties properties) {
        this.properties = properties;
        properties.getJtl().forEach((name, settings) -> merchants.put(name, new JtlMerchant(name, settings)));
    }

    @Override
    public String platform() {
        return "jtl";
    }

    @Override
    public Optional<Controls> controls(String name) {
        return merchant(name).map(m -> new Controls(m.faults, m.journal));
    }

    public Optional<JtlMerchant> merchant(String name) {
        return Optional.ofNullable(merchants.get(name));
    }

    public void reset(String name) {
        merchants.put(name, new JtlMerchant(name, properties.getJtl().get(name)));
    }
}
