package dev.nimbus.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class KeyTokenTest {
    static final String ID = "NKQ3VJ7TXZL2MBWE5RKA";
    static final String SECRET = "kJ8mQ2xV9pL4rT7wZ1cF6hN3bY5dG0sA8eU2iO4uK7q";

    @Test
    void aGeneratedKeyHasAPublicIdAnd256BitsOfSecretAndParsesBack() {
        var random = new SecureRandom();
        var ids = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            KeyToken key = KeyToken.generate(random);
            assertThat(key.id()).matches("NK[A-Z2-7]{18}");
            assertThat(key.secret()).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(KeyToken.parse(key.text())).contains(key);
            ids.add(key.id());
        }
        assertThat(ids).as("ids are random").hasSize(200);
    }

    @Test
    void onlyTheExactFormParses() {
        assertThat(KeyToken.parse(ID + "." + SECRET)).contains(new KeyToken(ID, SECRET));
        for (String bad : new String[] {null, "", ID, ID + ".", ID + "." + SECRET.substring(1), "nk" + ID.substring(2)
                + "." + SECRET, ID + "." + SECRET + "!", ID + "x." + SECRET, ID + "." + SECRET.repeat(4),
                "Bearer " + ID + "." + SECRET, "orders.c2lnbmF0dXJl"}) {
            assertThat(KeyToken.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThatThrownBy(() -> new KeyToken(ID, "short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
    }

    @Test
    void theSecretIsCheckedByItsHashAndNeverShown() {
        var key = new KeyToken(ID, SECRET);

        assertThat(key.secretSha256()).hasSize(64).matches("[0-9a-f]+").doesNotContain(SECRET);
        assertThat(key.matches(key.secretSha256())).isTrue();
        assertThat(new KeyToken(ID, SECRET.replace('k', 'K')).matches(key.secretSha256())).isFalse();
        assertThat(key.toString()).contains(ID).doesNotContain(SECRET);
        assertThat(KeyToken.sealName(ID)).isEqualTo("api-key/" + ID);
    }
}
