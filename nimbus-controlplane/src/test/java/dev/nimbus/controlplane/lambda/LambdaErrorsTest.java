package dev.nimbus.controlplane.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.code.InvalidCodeException;
import dev.nimbus.core.function.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "INVALID_PARAMETER,   400, InvalidParameterValueException",
            "MALFORMED_JSON,      400, InvalidRequestContentException",
            "NOT_FOUND,           404, ResourceNotFoundException",
            "CONFLICT,            409, ResourceConflictException",
            "PRECONDITION_FAILED, 412, PreconditionFailedException",
            "PAYLOAD_TOO_LARGE,   413, RequestEntityTooLargeException",
            "THROTTLED,           429, TooManyRequestsException",
            "INTERNAL,            500, ServiceException",
    })
    void everyServiceErrorCodeHasItsAwsTypeAndStatus(ErrorCode code, int status, String type) {
        LambdaErrors.Fault fault = LambdaErrors.classify(new ApiException(code, "why"));

        assertThat(fault.status()).isEqualTo(status);
        assertThat(fault.type()).isEqualTo(type);
    }

    @Test
    void serviceMessagesNamingAFunctionNameItsArn() {
        assertThat(LambdaErrors.classify(new ApiException(ErrorCode.NOT_FOUND, "Function not found: orders:3")).getMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:orders:3");
        assertThat(LambdaErrors.classify(new ApiException(ErrorCode.NOT_FOUND, "Function not found: orders")).getMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:orders");
        assertThat(LambdaErrors.classify(new ApiException(ErrorCode.NOT_FOUND, "Cannot find alias: orders:live"))
                .getMessage()).isEqualTo("Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:orders:live");
        assertThat(LambdaErrors.classify(new ApiException(ErrorCode.CONFLICT, "Alias already exists: orders:live"))
                .getMessage()).isEqualTo("Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:orders:live");
        assertThat(LambdaErrors.classify(new ApiException(ErrorCode.NOT_FOUND, "The resource you requested does not exist."))
                .getMessage()).isEqualTo("The resource you requested does not exist.");
    }

    @Test
    void constraintViolationsAreValidationExceptionsNamingTheLambdaMember() {
        LambdaErrors.Fault fault = LambdaErrors.classify(new ValidationException("timeoutSeconds",
                "must be between 1 and 900, was 0"));

        assertThat(fault.status()).isEqualTo(400);
        assertThat(fault.type()).isEqualTo("ValidationException");
        assertThat(fault.getMessage()).isEqualTo("1 validation error detected: Value null at 'timeout' failed to "
                + "satisfy constraint: must be between 1 and 900, was 0");
    }

    @Test
    void refusedArchivesAreInvalidParametersWithAwsMessageAndTheReason() {
        LambdaErrors.Fault fault = LambdaErrors.classify(new InvalidCodeException("code archive is not a readable zip file"));

        assertThat(fault.type()).isEqualTo("InvalidParameterValueException");
        assertThat(fault.getMessage()).isEqualTo("Could not unzip uploaded file. Please check your file, then try to "
                + "upload again. (code archive is not a readable zip file)");
    }

    @Test
    void unexpectedExceptionsAreLeftToTheCallerToLogAsInternal() {
        assertThat(LambdaErrors.classify(new IllegalStateException("bug"))).isNull();
        assertThat(LambdaErrors.internal("r-1").type()).isEqualTo("ServiceException");
        assertThat(LambdaErrors.internal("r-1").status()).isEqualTo(500);
        assertThat(LambdaErrors.internal("r-1").getMessage()).doesNotContain("bug").contains("r-1");
    }
}
