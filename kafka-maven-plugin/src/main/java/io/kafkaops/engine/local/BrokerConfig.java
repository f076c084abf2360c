package io.kafkaops.engine.local;

import io.kafkaops.engine.cluster.SaslJaas;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration files of a local Kafka node: {@code server.properties} (KRaft, SASL_PLAINTEXT with SCRAM-SHA-512
 * for clients and PLAIN for the controller, {@code StandardAuthorizer}, delegation tokens enabled, small-machine
 * defaults) and the log4j2 file.
 */
final class BrokerConfig {

    static final String HOST = "127.0.0.1";
    static final String CLIENT_LISTENER = "CLIENT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String SCRAM_MECHANISM = KafkaBroker.SCRAM_MECHANISM;

    private BrokerConfig() {
    }

    /**
     * Where one node listens.
     *
     * @param nodeId           the {@code node.id}
     * @param clientBindHost   the address the client listener binds ({@link #HOST}, or all addresses in a container)
     * @param clientPort       the client port, advertised on {@link #HOST}
     * @param controllerPort   the controller port; unused for a broker-only node
     * @param controllerVoters null for a node that is its own single controller, else the quorum it joins as a
     *                         broker-only node ({@code id@host:port,...})
     */
    record Node(int nodeId, String clientBindHost, int clientPort, int controllerPort, String controllerVoters,
                List<Listener> extraListeners) {

        Node {
            extraListeners = List.copyOf(extraListeners);
        }

        Node(int nodeId, String clientBindHost, int clientPort, int controllerPort, String controllerVoters) {
            this(nodeId, clientBindHost, clientPort, controllerPort, controllerVoters, List.of());
        }

        boolean isController() {
            return controllerVoters == null;
        }
    }

    /**
     * A further client listener of a node, bound and advertised on {@link #HOST}; its security settings are
     * {@code listener.name.<name>.*} properties of the settings.
     *
     * @param name             the listener name (upper case)
     * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
     * @param port             its port
     */
    record Listener(String name, String securityProtocol, int port) {
    }

    /** The broker properties of a node, the settings' overrides last. */
    static Map<String, String> serverProperties(BrokerSettings settings, ScramCredentials admin, Node node,
                                                Path logDirs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", String.valueOf(node.nodeId()));
        if (node.isController()) {
            p.put("process.roles", "broker,controller");
            p.put("listeners", CLIENT_LISTENER + "://" + node.clientBindHost() + ":" + node.clientPort() + ","
                    + CONTROLLER_LISTENER + "://" + HOST + ":" + node.controllerPort());
        } else {
            // a broker-only node of a cluster: it registers with the controller quorum of another node
            p.put("process.roles", "broker");
            p.put("listeners", CLIENT_LISTENER + "://" + node.clientBindHost() + ":" + node.clientPort());
        }
        StringBuilder listeners = new StringBuilder(p.get("listeners"));
        StringBuilder advertised = new StringBuilder(CLIENT_LISTENER + "://" + HOST + ":" + node.clientPort());
        StringBuilder protocols = new StringBuilder(
                CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        for (Listener extra : node.extraListeners()) {
            listeners.append(',').append(extra.name()).append("://").append(HOST).append(':').append(extra.port());
            advertised.append(',').append(extra.name()).append("://").append(HOST).append(':').append(extra.port());
            protocols.append(',').append(extra.name()).append(':').append(extra.securityProtocol());
        }
        p.put("listeners", listeners.toString());
        p.put("advertised.listeners", advertised.toString());
        p.put("listener.security.protocol.map", protocols.toString());
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.voters", node.isController()
                ? node.nodeId() + "@" + HOST + ":" + node.controllerPort() : node.controllerVoters());

        p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                SaslJaas.scram(admin.username(), admin.password()).value());
        // SCRAM credentials are stored in the metadata log the controller serves, so the controller cannot use them
        // to authenticate its own connections: it gets PLAIN with a static one-user table instead (broker-only nodes
        // sign in to the controller with the same user)
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", SaslJaas.plain(admin.username(), admin.password())
                .withOption("user_" + admin.username(), admin.password()).value());

        // delegation tokens on (debug sessions): the key signs the tokens' HMACs and must be the same on every node,
        // so it is derived from the admin password, which is random per broker or cluster and shared by its nodes.
        // Tokens sign in with SCRAM-SHA-512, which the client listener enables above. Expired tokens are removed
        // every few seconds instead of every hour.
        p.put("delegation.token.secret.key", delegationTokenSecretKey(admin));
        p.put("delegation.token.expiry.check.interval.ms", "2000");

        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + admin.username());
        p.put("allow.everyone.if.no.acl.found", "false");

        p.put("log.dirs", logDirs.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        // one partition instead of 50: the first consumer group then starts in milliseconds
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // after a crash the controller keeps the dead broker's registration until its session expires (9 s by
        // default), and the restarted broker cannot register before that
        p.put("broker.session.timeout.ms", "4000");
        p.put("broker.heartbeat.interval.ms", "500");
        // a test broker on a small machine: few threads
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        p.putAll(settings.properties());
        return p;
    }

    /** A secret derived from the admin password: nobody learns one from the other. */
    static String delegationTokenSecretKey(ScramCredentials admin) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update("kafkaops delegation.token.secret.key\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] digest = sha.digest(admin.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of {@code server.properties}; it holds the admin password. */
    static String serverPropertiesText(Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# Written by io.kafkaops KafkaBroker; contains the admin password\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(propertiesEscape(value)).append('\n'));
        return text.toString();
    }

    /** The log4j2 configuration: one file appender at the given level. */
    static String log4j(Path logFile, String logLevel) {
        String file = logFile.toString().replace('\\', '/');
        return """
                status = warn
                appender.file.type = File
                appender.file.name = FILE
                appender.file.fileName = %s
                appender.file.createOnDemand = true
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{ISO8601} %%-5p [%%c{1}] %%m%%n
                rootLogger.level = %s
                rootLogger.appenderRef.file.ref = FILE
                """.formatted(propertiesEscape(file), logLevel);
    }

    /** Escapes a value for a .properties file, which Kafka reads as ISO-8859-1. */
    static String propertiesEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
