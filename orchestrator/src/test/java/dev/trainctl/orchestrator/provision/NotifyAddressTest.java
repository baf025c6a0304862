package dev.trainctl.orchestrator.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --notify}: Budgets' model takes any string, so trainctl holds the address to what mail can reach. */
class NotifyAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@[1.2.3.4]", ".a@b.co", "a.@b.co", "a..b@c.co", "a@-b.co", "a@b-.co", "a@b..co",
        "a@b.c", "a@b", "a@1.2.3.4", "\"a b\"@c.co", "a b@c.co", "a@b.co,c@d.co", "@b.co", "a@", "a@@b.co"})
    void anAddressMailCannotReachIsRefused(String email) {
        assertThatThrownBy(() -> new CostBudget.Ask(BigDecimal.TEN, email))
                .hasMessageStartingWith("--notify must be one email address (you@example.com)")
                .hasMessageEndingWith("got '" + email + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"me@example.com", "first.last+tag@mail.example.co.uk", "o'brien@example.ie",
        "a@b.co", "x_y-z@sub-domain.example.org"})
    void anOrdinaryAddressIsTaken(String email) {
        assertThat(new CostBudget.Ask(BigDecimal.TEN, email).email()).isEqualTo(email);
    }
}
