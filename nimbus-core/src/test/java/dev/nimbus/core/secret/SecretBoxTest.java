package dev.nimbus.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path dir;

    @Test
    void aValueOpensUnderItsNameAndKeyOnly() {
        var box = SecretBox.ofBase64(KEY);
        var sealed = box.seal("db-password", "hunter2");

        assertThat(box.open("db-password", sealed)).isEqualTo("hunter2");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.UTF_8)).doesNotContain("hunter2");
        assertThatThrownBy(() -> box.open("other-name", sealed)).as("the name is bound in")
                .hasMessageContaining("cannot be opened");
        byte[] altered = sealed.ciphertext().clone();
        altered[0] ^= 1;
        assertThatThrownBy(() -> box.open("db-password", new SecretStore.Sealed(sealed.nonce(), altered)))
                .hasMessageContaining("cannot be opened");
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 7);
        assertThatThrownBy(() -> new SecretBox(otherKey).open("db-password", sealed)).hasMessageContaining("cannot be opened");
    }

    @Test
    void everySealingUsesAFreshNonce() {
        var box = SecretBox.ofBase64(KEY);

        assertThat(box.seal("a", "same").nonce()).isNotEqualTo(box.seal("a", "same").nonce());
    }

    @Test
    void aKeyFileIsCreatedReadableByItsOwnerOnlyAndReusedAfterwards() throws Exception {
        Path file = dir.resolve("secrets.key");
        var sealed = SecretBox.ofFile(file).seal("token", "s3cr3t");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretBox.ofFile(file).open("token", sealed)).isEqualTo("s3cr3t");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> SecretBox.ofBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.ofBase64("not base64!")).hasMessageContaining("base64");
    }

    @Test
    void onlyAWholeValueOfTheFormDollarBraceSecretIsAReference() {
        assertThat(Secrets.reference("${secret:db-password}")).contains("db-password");
        assertThat(Secrets.reference("prefix ${secret:db-password}")).isEmpty();
        assertThat(Secrets.reference("${secret:../x}")).isEmpty();
        assertThat(Secrets.references(Map.of("A", "${secret:a}", "B", "plain", "C", "${secret:c}")))
                .containsExactlyInAnyOrder("a", "c");
    }
}
