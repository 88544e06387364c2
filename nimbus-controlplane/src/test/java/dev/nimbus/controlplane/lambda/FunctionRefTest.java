package dev.nimbus.controlplane.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionRefTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "orders,                                                         orders, -",
            "orders:prod,                                                    orders, prod",
            "orders:$LATEST,                                                 orders, $LATEST",
            "arn:aws:lambda:us-east-1:000000000000:function:orders,          orders, -",
            "arn:aws:lambda:eu-west-1:123456789012:function:orders:7,        orders, 7",
            "123456789012:function:orders,                                   orders, -",
            "123456789012:function:orders:live,                              orders, live",
    })
    void acceptsNamesAndArns(String raw, String name, String qualifier) {
        assertThat(FunctionRef.parse(raw)).isEqualTo(new FunctionRef(name, qualifier));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b:c", "bad name", "a.b", "arn:aws:lambda:us-east-1:0:function:x:1:2",
            "orders:bad qualifier", "orders:"})
    void refusesOtherFormsAsValidationErrors(String raw) {
        assertThatThrownBy(() -> FunctionRef.parse(raw))
                .isInstanceOfSatisfying(LambdaErrors.Fault.class, f -> {
                    assertThat(f.type()).isEqualTo("ValidationException");
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.getMessage()).contains("at 'functionName' failed to satisfy constraint");
                });
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> FunctionRef.parse("x".repeat(65))).isInstanceOf(LambdaErrors.Fault.class);
        assertThatThrownBy(() -> FunctionRef.parse("y".repeat(257))).isInstanceOf(LambdaErrors.Fault.class);
        assertThat(FunctionRef.parse("z".repeat(64)).name()).hasSize(64);
    }

    @Test
    void theQualifierParameterMustAgreeWithTheName() {
        assertThat(FunctionRef.parse("f").withQualifier("3")).isEqualTo(new FunctionRef("f", "3"));
        assertThat(FunctionRef.parse("f:3").withQualifier("3")).isEqualTo(new FunctionRef("f", "3"));
        assertThat(FunctionRef.parse("f:3").withQualifier(null)).isEqualTo(new FunctionRef("f", "3"));
        assertThatThrownBy(() -> FunctionRef.parse("f:3").withQualifier("4"))
                .isInstanceOfSatisfying(LambdaErrors.Fault.class,
                        f -> assertThat(f.type()).isEqualTo("InvalidParameterValueException"));
        assertThatThrownBy(() -> FunctionRef.parse("f").withQualifier("a b"))
                .isInstanceOfSatisfying(LambdaErrors.Fault.class, f -> assertThat(f.type()).isEqualTo("ValidationException"));
    }

    @Test
    void unqualifiedOperationsRefuseQualifiersWithAwsMessage() {
        assertThat(FunctionRef.parse("f").unqualified()).isEqualTo(new FunctionRef("f", null));
        assertThatThrownBy(() -> FunctionRef.parse("f:prod").unqualified())
                .isInstanceOfSatisfying(LambdaErrors.Fault.class, f -> {
                    assertThat(f.type()).isEqualTo("InvalidParameterValueException");
                    assertThat(f.getMessage()).startsWith("This operation is permitted on Lambda functions only.");
                });
    }
}
