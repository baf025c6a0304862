package dev.trainctl.orchestrator.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.ModelConstraint;
import dev.trainctl.orchestrator.aws.ModelConstraints;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** trainctl's copies of AWS's constraints are the models' own: lengths and patterns as botocore has them. */
class ModelConstraintsTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    static List<ModelConstraint> all() throws IllegalAccessException {
        List<ModelConstraint> constraints = new ArrayList<>();
        for (Field field : ModelConstraints.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ModelConstraint.class) {
                constraints.add((ModelConstraint) field.get(null));
            }
        }
        return constraints;
    }

    @Test
    void everyCopiedConstraintIsTheModelsOwn() throws IllegalAccessException {
        List<ModelConstraint> constraints = all();
        assertThat(constraints).hasSizeGreaterThanOrEqualTo(6);
        for (ModelConstraint copy : constraints) {
            ApiModel.Member model = API.model().member(copy.service(), copy.operation(), copy.member());
            assertThat(model.type()).as(copy.where()).isEqualTo("string");
            assertThat((long) copy.minLength()).as(copy.where()).isEqualTo(model.min().orElse(0L));
            assertThat((long) copy.maxLength()).as(copy.where()).isEqualTo(model.max().orElse((long) Integer.MAX_VALUE));
            assertThat(copy.pattern().pattern()).as(copy.where()).isEqualTo(model.pattern()
                    .orElse(ModelConstraint.ANY));
        }
    }

    @Test
    void aTuningRangesBoundsHaveTheLimitsOfACategoricalValue() {
        String ranges = "HyperParameterTuningJobConfig.ParameterRanges.";
        ApiModel.Member value = API.model().member("sagemaker", "CreateHyperParameterTuningJob",
                ModelConstraints.TUNING_PARAMETER_VALUE.member());
        for (String bound : List.of("ContinuousParameterRanges[].MinValue", "ContinuousParameterRanges[].MaxValue",
                "IntegerParameterRanges[].MinValue", "IntegerParameterRanges[].MaxValue")) {
            ApiModel.Member member = API.model().member("sagemaker", "CreateHyperParameterTuningJob",
                    ranges + bound);
            assertThat(List.of(member.type(), member.min(), member.max(), member.pattern())).as(bound)
                    .isEqualTo(List.of(value.type(), value.min(), value.max(), value.pattern()));
        }
        assertThat(API.model().member("sagemaker", "CreateHyperParameterTuningJob",
                ranges + "CategoricalParameterRanges[].Values").max())
                .hasValue((long) ModelConstraints.TUNING_CATEGORICAL_VALUES_MAX);
    }
}
