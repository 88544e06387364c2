package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaFunctionNameTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "orders, orders, null",
        "orders:$LATEST, orders, $LATEST",
        "orders:3, orders, 3",
        "arn:aws:lambda:us-east-1:123456789012:function:orders, orders, null",
        "arn:aws:lambda:eu-west-1:123456789012:function:orders:prod, orders, prod",
        "123456789012:function:orders:7, orders, 7",
    })
    void acceptsEveryReferenceForm(String ref, String name, String qualifier) {
        assertThat(LambdaFunctionName.parse(ref)).isEqualTo(new LambdaFunctionName(name, qualifier));
    }

    @ParameterizedTest
    @CsvSource({"a:b:c", "arn:aws:lambda:r:1:function:a:b:c", "''"})
    void refusesMalformedReferences(String ref) {
        assertThat(LambdaFunctionName.parse(ref)).isNull();
    }
}
