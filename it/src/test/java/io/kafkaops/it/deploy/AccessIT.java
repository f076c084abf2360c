package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.local.TestKafka;
import io.kafkaops.it.MavenResult;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * After a deploy, the service account works with the credential the deploy stored, exactly as far as its grants go:
 * a producer and a consumer authenticated with it use the granted topics and group and are denied everything else.
 */
class AccessIT {

    @Test
    void theServiceAccountCanUseExactlyWhatItWasGranted() throws Exception {
        DeployFixture f = DeployFixture.create("AccessIT");
        Path project = f.copyRepo("deploy-billing");
        MavenResult deploy = f.deploy(project, "dev").assertSucceeded();
        String dev = f.prefix("dev");
        String account = dev + "billing-service";
        String invoices = dev + "billing.invoices.v1";
        String payments = dev + "billing.payments.v1";
        String audit = dev + "billing.audit.v1";
        String group = dev + "billing-service";
        TestKafka broker = TestBroker.get();

        String password = f.passwords("billing", "dev").get(account);
        assertThat(password).as("password stored for %s", account).isNotBlank();
        Map<String, Object> service = broker.clientProperties(account, password);
        Clients.produce(broker.adminClientProperties(), payments, "inv-1", "paid");

        // granted: produce to invoices, consume payments as its own group (ACLs reach the broker after the controller)
        Await.until(account + " produces to " + invoices, () -> Clients.produce(service, invoices, "inv-1", "issued"));
        assertThat(Await.result(account + " consumes " + payments + " as " + group,
                () -> {
                    List<String> values = Clients.consume(service, payments, group, "paid");
                    assertThat(values).contains("paid");
                    return values;
                })).containsExactly("paid");

        // denied: the topics and the group it has no grant for
        assertThatThrownBy(() -> Clients.produce(service, payments, "inv-1", "forged"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> Clients.produce(service, audit, "inv-1", "forged"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> Clients.consume(service, invoices, group, "issued"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> Clients.consume(service, payments, dev + "billing-reports", "paid"))
                .isInstanceOf(GroupAuthorizationException.class);
        // the same logical topic on the other stage belongs to another principal
        String testInvoices = f.prefix("test") + "billing.invoices.v1";
        assertThatThrownBy(() -> Clients.produce(service, testInvoices, "inv-1", "forged"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> Clients.produce(broker.clientProperties(account, password + "x"), invoices, "k",
                "v")).isInstanceOf(SaslAuthenticationException.class);

        // the properties file next to the store is what an application loads as it is
        Path propertiesFile = f.store("billing", "dev").resolveSibling("billing-dev").resolve(account + ".properties");
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile)) {
            loaded.load(reader);
        }
        Map<String, Object> fromFile = new HashMap<>();
        loaded.forEach((k, v) -> fromFile.put((String) k, v));
        assertThat(fromFile).containsEntry("bootstrap.servers", broker.bootstrapServers())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        Clients.produce(fromFile, invoices, "inv-2", "issued");

        SecretScan.assertNowhere(Set.of(password, broker.adminCredentials().password()), project, List.of(deploy));
    }
}
