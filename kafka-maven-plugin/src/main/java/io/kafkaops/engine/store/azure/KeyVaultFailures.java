package io.kafkaops.engine.store.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.CredentialStoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what the Azure SDK throws into one {@link CredentialStoreException} that names the vault and the operation,
 * says what to do, and never carries a secret.
 */
final class KeyVaultFailures {

    static final String LOGIN_HINT = "run `az login` (on a workstation) or check the pipeline's service connection"
            + " / workload identity";
    private static final int MAX_DETAIL = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyVaultFailures() {
    }

    /** What was attempted, in words for messages, and the Key Vault permission it needs. */
    enum Permission {
        LIST("Key Vault Reader", "List"),
        SET("Key Vault Secrets Officer", "Set"),
        DELETE("Key Vault Secrets Officer", "Delete"),
        RECOVER("Key Vault Secrets Officer", "Recover");

        final String role;
        final String accessPolicy;

        Permission(String role, String accessPolicy) {
            this.role = role;
            this.accessPolicy = accessPolicy;
        }
    }

    /**
     * @param operation what was attempted, for example "store secret kafka-prod-billing" or "list secrets"
     * @param secrets   values that must not appear in the message (the password being stored); may be empty
     */
    static CredentialStoreException map(String vaultUrl, String operation, Permission permission, Throwable failure,
                                        List<String> secrets) {
        String message = message(vaultUrl, operation, permission, failure);
        message = redact(message, secrets);
        // The cause helps with -e, but only if nothing in it echoes a secret.
        Throwable cause = mentionsAny(failure, secrets) ? null : failure;
        return new CredentialStoreException(message, cause);
    }

    private static String message(String vaultUrl, String operation, Permission permission, Throwable failure) {
        String prefix = "Azure Key Vault " + vaultUrl + ": " + operation + " failed: ";

        HttpResponseException http = find(failure, HttpResponseException.class);
        if (http != null && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String detail = serviceError(http.getMessage());
            String statusText = "HTTP " + status + (detail.isEmpty() ? "" : " " + detail);
            return switch (status) {
                case 401 -> prefix + statusText + ". The vault did not accept the access token; " + LOGIN_HINT + ".";
                case 403 -> "ForbiddenByFirewall".equalsIgnoreCase(errorCode(http))
                        ? prefix + statusText + ". The vault's network rules reject this machine's address: allow the"
                                + " build agent's network on the vault or reach it through a private endpoint."
                        : prefix + statusText + ". The identity is not allowed to do this: give it the role '"
                        + permission.role + "' on the vault (RBAC vaults) or the secret permission '"
                        + permission.accessPolicy + "' in an access policy; if the identity is the wrong one, "
                        + LOGIN_HINT + ".";
                case 404 -> prefix + statusText + ". Check the vault URL in the team's secret store.";
                case 429 -> prefix + statusText + ". The vault is throttling requests; run again in a minute.";
                default -> prefix + statusText + ".";
            };
        }
        ClientAuthenticationException auth = find(failure, ClientAuthenticationException.class);
        if (auth != null) {
            return prefix + "could not get an Azure access token (" + firstLine(auth.getMessage()) + "); "
                    + LOGIN_HINT + ".";
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return prefix + "TLS connection failed (" + firstLine(tls.getMessage()) + "). If the vault is an emulator"
                    + " or a private endpoint with a certificate from a private CA, set '" + KeyVaultOptions.TRUST_STORE
                    + "' (and '" + KeyVaultOptions.TRUST_STORE_PASSWORD_ENV + "') in the secret store's properties.";
        }
        if (find(failure, UnknownHostException.class) != null
                || find(failure, UnresolvedAddressException.class) != null) {
            return prefix + "the vault's host name does not resolve. Check the vault URL in the team's secret store"
                    + " (and private DNS for private endpoints).";
        }
        if (find(failure, ConnectException.class) != null || find(failure, HttpTimeoutException.class) != null
                || find(failure, TimeoutException.class) != null) {
            return prefix + "the vault could not be reached (" + connectionDetail(failure) + "). Check the"
                    + " vault URL, the network and any proxy.";
        }
        String text = rootMessage(failure);
        if (text.contains("challenge resource")) {
            return prefix + "the vault asked for a token for a resource that does not match its address ("
                    + firstLine(text) + "). For a real vault check the URL; for an emulator set '"
                    + KeyVaultOptions.DISABLE_CHALLENGE_RESOURCE_VERIFICATION + ": true'.";
        }
        if (find(failure, IOException.class) != null) {
            return prefix + "I/O error talking to the vault (" + firstLine(text) + ").";
        }
        return prefix + failure.getClass().getSimpleName() + ": " + firstLine(text);
    }

    /** The vault's error code, inner code and message from a "Status code N, \"{json}\"" exception message. */
    static String serviceError(String exceptionMessage) {
        if (exceptionMessage == null) {
            return "";
        }
        int start = exceptionMessage.indexOf('{');
        int end = exceptionMessage.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(exceptionMessage.substring(start, end + 1)).path("error");
            String code = error.path("code").asText("");
            String inner = error.path("innererror").path("code").asText("");
            String text = error.path("message").asText("");
            StringBuilder out = new StringBuilder();
            if (!code.isEmpty()) {
                out.append(code);
            }
            if (!inner.isEmpty()) {
                out.append(out.length() > 0 ? "/" : "").append(inner);
            }
            if (!text.isEmpty()) {
                out.append(out.length() > 0 ? ": " : "").append(cap(text));
            }
            return out.length() == 0 ? "" : "(" + out + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The vault's error code from an HTTP failure, or an empty string. */
    static String errorCode(HttpResponseException e) {
        String message = e.getMessage();
        if (message == null) {
            return "";
        }
        int start = message.indexOf('{');
        int end = message.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(message.substring(start, end + 1)).path("error");
            String inner = error.path("innererror").path("code").asText("");
            return inner.isEmpty() ? error.path("code").asText("") : inner;
        } catch (IOException | RuntimeException ex) {
            return "";
        }
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * What went wrong with the connection, in words: the JDK's HTTP client throws a ConnectException without a
     * message, which the layers above turn into its class name ("java.net.ConnectException").
     */
    private static String connectionDetail(Throwable failure) {
        String text = firstLine(rootMessage(failure));
        // a single word is a class name (ClosedChannelException, java.net.ConnectException), not a reason
        if (text.isBlank() || !text.contains(" ")) {
            return find(failure, ConnectException.class) != null ? "the connection was refused or timed out"
                    : "no answer in time";
        }
        return text;
    }

    private static String rootMessage(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        int newline = text.indexOf('\n');
        return cap((newline < 0 ? text : text.substring(0, newline)).strip());
    }

    /** One line, bounded: server messages carry CR/LF between their parts. */
    private static String cap(String text) {
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }

    static String redact(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private static boolean mentionsAny(Throwable failure, List<String> secrets) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t.getMessage());
            for (String secret : secrets) {
                if (secret != null && !secret.isEmpty() && text.contains(secret)) {
                    return true;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (mentionsAny(suppressed, secrets)) {
                    return true;
                }
            }
        }
        return false;
    }
}
