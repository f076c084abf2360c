package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.RotateOutcome;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.RotationRefusedException;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterUserScramCredentialsResult;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * A credential is never active on the cluster without being in the store: ordering of store and cluster writes on
 * deploy and rotation, with stores that fail, against a real broker.
 */
class CredentialsBrokerIT extends BrokerTestBase {

    static final String OTHER_REPO = "com.example:billing-batch";

    static EntityModel billing() {
        return model(List.of(topic("billing.invoices.v1", 1, Map.of())), List.of(account("billing-service")),
                List.of(produces("billing-service", "billing.invoices.v1")));
    }

    DeployOutcome deploy(EntityModel m, CredentialStore store) throws Exception {
        return k.engine(out).deploy(k.request(m, "dev", REPO).store(store).build(), null);
    }

    RotateOutcome rotate(EntityModel m, CredentialStore store, String... accounts) throws Exception {
        return k.engine(out).rotate(k.request(m, "dev", REPO).store(store).build(), List.of(accounts));
    }

    String user() {
        return k.dev + "billing-service";
    }

    static String password(FileCredentialStore store, String principal) throws Exception {
        JsonNode entry = new ObjectMapper().readTree(store.file().toFile()).get("credentials").get(principal);
        return entry == null ? null : entry.get("password").asText();
    }

    boolean signsIn(String user, String password) throws Exception {
        return k.broker.signsIn(user, password);
    }

    /** The brokers apply SCRAM changes shortly after the controller commits them: poll until they refuse it. */
    void awaitRefused(String user, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (signsIn(user, password)) {
            assertThat(System.nanoTime()).as("the old password still works after 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    boolean scramUserExists(String user) throws Exception {
        return k.admin.describeUserScramCredentials().all().get().containsKey(user);
    }

    /** A store that refuses every write, as a vault does for an identity without the right role. */
    static CredentialStore refusing(FileCredentialStore delegate) {
        return new ForwardingCredentialStore(delegate) {
            @Override
            public String describe() {
                return "Azure Key Vault https://kv-billing-dev.vault.azure.net";
            }

            @Override
            public void store(StoredCredential credential) throws CredentialStoreException {
                throw new CredentialStoreException("HTTP 403 (Forbidden/ForbiddenByRbac: Caller is not authorized)");
            }
        };
    }

    // ------------------------------------------------------------------------------------------------- deploy

    @Test
    void aStoreThatRefusesTheNewCredentialKeepsItOffTheClusterAndTheNextDeployRepairsIt() throws Exception {
        FileCredentialStore working = store("billing-dev");

        DeployOutcome failed = deploy(billing(), refusing(working));

        assertThat(failed.complete()).isFalse();
        EntityResult credential = failed.results().stream().filter(r -> r.kind() == EntityKind.CREDENTIAL)
                .findFirst().orElseThrow();
        assertThat(credential.status()).isEqualTo(EntityResult.Status.FAILED);
        assertThat(credential.message()).startsWith("could not store the credential in Azure Key Vault"
                        + " https://kv-billing-dev.vault.azure.net (HTTP 403")
                .contains("the cluster was not changed");
        assertThat(scramUserExists(user())).isFalse();
        JsonNode report = new ObjectMapper().readTree(failed.deployJson().toFile());
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("credentialsStored")).isEmpty();
        assertThat(report.get("results")).anySatisfy(r -> {
            assertThat(r.get("kind").asText()).isEqualTo("CREDENTIAL");
            assertThat(r.get("status").asText()).isEqualTo("FAILED");
            assertThat(r.get("message").asText()).contains("could not store the credential");
        });
        assertThat(failed.lines()).anySatisfy(l -> assertThat(l.text())
                .startsWith("credential " + user() + " FAILED: could not store the credential"));

        PlanOutcome next = k.engine(out).plan(k.request(billing(), "dev", REPO).store(working).build());
        assertThat(next.plan().changes()).filteredOn(c -> c.action() != ChangeAction.UNCHANGED)
                .extracting(c -> c.kind() + " " + c.action()).containsExactly("CREDENTIAL CREATE");

        DeployOutcome repaired = deploy(billing(), working);
        assertThat(repaired.complete()).isTrue();
        assertThat(repaired.summary()).isEqualTo("Deploy to stage dev: 1 created, 0 updated, 0 deleted");
        assertThat(signsIn(user(), password(working, user()))).isTrue();
    }

    @Test
    void aStoreThatRefusesAReplacementLeavesTheOldPasswordWorking() throws Exception {
        FileCredentialStore working = store("billing-dev");
        deploy(billing(), working);
        String old = password(working, user());
        working.delete("dev", TEAM, user());

        DeployOutcome failed = deploy(billing(), refusing(working));

        assertThat(failed.complete()).isFalse();
        assertThat(failed.results()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(EntityKind.CREDENTIAL);
            assertThat(r.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(r.status()).isEqualTo(EntityResult.Status.FAILED);
        });
        assertThat(signsIn(user(), old)).isTrue();

        DeployOutcome repaired = deploy(billing(), working);
        assertThat(repaired.complete()).isTrue();
        assertThat(repaired.summary()).isEqualTo("Deploy to stage dev: 0 created, 1 updated, 0 deleted");
        String replacement = password(working, user());
        assertThat(replacement).isNotEqualTo(old);
        assertThat(signsIn(user(), replacement)).isTrue();
        awaitRefused(user(), old);
    }

    @Test
    void aLostAnswerFromTheClusterKeepsTheStoredPasswordAndARefusalRemovesIt() throws Exception {
        FileCredentialStore s = store("billing-dev");
        // the cluster applies the change, but the answer is lost on the way back
        KafkaClusterSessions lostAnswer = new KafkaClusterSessions((admin, timeout) -> new AdminCalls(admin, timeout) {
            @Override
            public AlterUserScramCredentialsResult alterUserScramCredentials(
                    List<UserScramCredentialAlteration> alterations) {
                AlterUserScramCredentialsResult real = super.alterUserScramCredentials(alterations);
                Map<String, KafkaFuture<Void>> lost = new HashMap<>();
                real.values().forEach((user, f) -> {
                    KafkaFutureImpl<Void> failed = new KafkaFutureImpl<>();
                    f.whenComplete((v, e) -> failed.completeExceptionally(new TimeoutException("answer lost (injected)")));
                    lost.put(user, failed);
                });
                return new AlterUserScramCredentialsResult(lost);
            }
        });

        DeployOutcome unsure = k.engine(out, lostAnswer).deploy(k.request(billing(), "dev", REPO).store(s)
                .build(), null);

        EntityResult credential = unsure.results().stream().filter(r -> r.kind() == EntityKind.CREDENTIAL)
                .findFirst().orElseThrow();
        assertThat(credential.status()).isEqualTo(EntityResult.Status.FAILED);
        assertThat(credential.message()).contains("did not confirm", "stays in " + s.describe(),
                "kafka:rotate-credentials for billing-service");
        // it is active on the cluster, and the store has it
        assertThat(signsIn(user(), password(s, user()))).isTrue();

        String other = k.dev + "billing-batch";
        EntityModel withSecond = model(List.of(topic("billing.invoices.v1", 1, Map.of())),
                List.of(account("billing-service"), account("billing-batch")),
                List.of(produces("billing-service", "billing.invoices.v1")));
        KafkaClusterSessions refusing = new KafkaClusterSessions((admin, timeout) -> new AdminCalls(admin, timeout) {
            @Override
            public AlterUserScramCredentialsResult alterUserScramCredentials(
                    List<UserScramCredentialAlteration> alterations) {
                count();
                Map<String, KafkaFuture<Void>> refused = new HashMap<>();
                for (UserScramCredentialAlteration a : alterations) {
                    KafkaFutureImpl<Void> f = new KafkaFutureImpl<>();
                    f.completeExceptionally(new UnsupportedVersionException("SCRAM is switched off (injected)"));
                    refused.put(a.user(), f);
                }
                return new AlterUserScramCredentialsResult(refused);
            }
        });

        DeployOutcome refused = k.engine(out, refusing).deploy(k.request(withSecond, "dev", REPO).store(s)
                .build(), null);

        assertThat(refused.results()).filteredOn(r -> r.kind() == EntityKind.CREDENTIAL).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("the cluster refused the SCRAM credential",
                        "removed from the store again"));
        assertThat(scramUserExists(other)).isFalse();
        assertThat(s.existing("dev", TEAM)).containsExactly(user());
    }

    @Test
    void anOldCredentialOfAnotherMechanismGoesWhenTheStoreLostIt() throws Exception {
        FileCredentialStore s = store("billing-dev");
        deploy(billing(), s);
        String sha256 = "sha256-" + java.util.UUID.randomUUID();
        k.admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), sha256))).all().get();
        s.delete("dev", TEAM, user());

        DeployOutcome replaced = deploy(billing(), s);
        assertThat(replaced.complete()).as(replaced.results().toString()).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (k.admin.describeUserScramCredentials(List.of(user())).all().get().get(user()).credentialInfos()
                .size() > 1) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(k.admin.describeUserScramCredentials(List.of(user())).all().get().get(user()).credentialInfos())
                .extracting(ScramCredentialInfo::mechanism).containsExactly(ScramMechanism.SCRAM_SHA_512);
    }

    // ----------------------------------------------------------------------------------------------- rotation

    @Test
    void rotationStoresANewVersionFirstThenTheOldPasswordStopsWorking() throws Exception {
        FileCredentialStore s = store("billing-dev");
        deploy(billing(), s);
        String old = password(s, user());
        List<Boolean> activeWhenStored = new ArrayList<>();
        CredentialStore watching = new ForwardingCredentialStore(s) {
            @Override
            public void store(StoredCredential credential) throws CredentialStoreException {
                try {
                    activeWhenStored.add(signsIn(credential.principal(), credential.password()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                s.store(credential);
            }
        };

        RotateOutcome rotated = rotate(billing(), watching, "billing-service");

        assertThat(activeWhenStored).containsExactly(false);
        assertThat(rotated.complete()).isTrue();
        assertThat(rotated.summary()).isEqualTo("Rotated 1 credential on stage dev");
        assertThat(rotated.results()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(user());
            assertThat(r.applied()).isTrue();
            assertThat(r.message()).isEqualTo("new version stored in " + s.describe()
                    + "; the old password no longer works");
        });
        String fresh = password(s, user());
        assertThat(fresh).isNotEqualTo(old);
        assertThat(signsIn(user(), fresh)).isTrue();
        awaitRefused(user(), old);

        String report = Files.readString(rotated.rotateJson());
        assertThat(rotated.rotateJson()).isEqualTo(out.resolve("dev").resolve("rotate.json"));
        JsonNode json = new ObjectMapper().readTree(report);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("serviceAccounts")).extracting(JsonNode::asText).containsExactly("billing-service");
        assertThat(json.get("credentialsRotated")).extracting(JsonNode::asText).containsExactly(user());
        assertThat(report).doesNotContain(fresh).doesNotContain(old);
        assertThat(rotated.lines().toString()).doesNotContain(fresh);
        assertThat(rotated.lines()).extracting(l -> l.marker() + " " + l.text())
                .startsWith("~ credential " + user() + " rotated");

        PlanOutcome after = k.engine(out).plan(k.request(billing(), "dev", REPO).store(s).build());
        assertThat(after.hasChanges()).isFalse();
    }

    @Test
    void aRotationWhoseStoreRefusesChangesNothing() throws Exception {
        FileCredentialStore s = store("billing-dev");
        deploy(billing(), s);
        String old = password(s, user());

        RotateOutcome failed = rotate(billing(), refusing(s), "billing-service");

        assertThat(failed.complete()).isFalse();
        assertThat(failed.summary()).isEqualTo("Rotated 0 of 1 credential on stage dev, 1 failed (run the rotation"
                + " again to finish)");
        assertThat(failed.results()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("could not store the new credential", "nothing was changed on the cluster"));
        assertThat(password(s, user())).isEqualTo(old);
        assertThat(signsIn(user(), old)).isTrue();
        JsonNode json = new ObjectMapper().readTree(failed.rotateJson().toFile());
        assertThat(json.get("complete").asBoolean()).isFalse();
        assertThat(json.get("credentialsRotated")).isEmpty();
    }

    @Test
    void rotationIsRefusedForAccountsThisRepositoryCannotRotateAndChangesNothing() throws Exception {
        FileCredentialStore s = store("billing-dev");
        deploy(model(List.of(), List.of(account("billing-shared")), List.of()), OTHER_REPO, store("other"));
        EntityModel deployed = model(List.of(), List.of(account("billing-service"),
                account("billing-nocreds", false, null), account("billing-prodonly", true, List.of("prod"))),
                List.of());
        deploy(deployed, s);
        String old = password(s, user());
        EntityModel now = model(List.of(), List.of(account("billing-service"), account("billing-nocreds", false, null),
                account("billing-prodonly", true, List.of("prod")), account("billing-shared"),
                account("billing-later")), List.of());

        assertThatThrownBy(() -> rotate(now, s, "billing-service", "billing-unknown", "billing-nocreds",
                "billing-prodonly", "billing-shared", "billing-later"))
                .isInstanceOfSatisfying(RotationRefusedException.class, e -> {
                    assertThat(e.problems()).extracting(Diagnostic::ruleId).containsOnly("rotateCredentials");
                    assertThat(e.problems()).extracting(Diagnostic::message).containsExactly(
                            "service account 'billing-unknown' is not declared in this repository",
                            "service account 'billing-nocreds' has credentials: false, so it has no credential to"
                                    + " rotate",
                            "service account 'billing-prodonly' is not deployed to stage dev (deployTo: [prod])",
                            "service account " + k.dev + "billing-shared on stage dev is owned by " + OTHER_REPO
                                    + " (team billing); only the owning repository rotates its credential",
                            "service account " + k.dev + "billing-later has not been deployed to stage dev by this"
                                    + " repository");
                    assertThat(e.problems().get(0).hint()).isEqualTo("service accounts with credentials on stage"
                            + " dev: billing-later, billing-service, billing-shared");
                    assertThat(e.problems().get(1).location().toString()).isEqualTo("src/main/kafka/billing.yaml:10:5");
                    assertThat(e.getMessage()).startsWith("Cannot rotate the credentials on stage dev; nothing was"
                            + " changed:");
                });
        assertThat(password(s, user())).isEqualTo(old);
        assertThat(signsIn(user(), old)).isTrue();
        assertThat(out.resolve("dev").resolve("rotate.json")).doesNotExist();
    }

    DeployOutcome deploy(EntityModel m, String repo, CredentialStore store) throws Exception {
        return k.engine(out).deploy(k.request(m, "dev", repo).store(store).build(), null);
    }
}
