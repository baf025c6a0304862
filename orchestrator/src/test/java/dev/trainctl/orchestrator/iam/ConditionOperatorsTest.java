package dev.trainctl.orchestrator.iam;

import static dev.trainctl.orchestrator.iam.Docs.allowWhen;
import static dev.trainctl.orchestrator.iam.Docs.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator family, one small document per row: an Allow whose Condition block is the first column,
 * a request context ("key=v1|v2;key2=v", empty for none), and whether the statement applies. Semantics from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html.
 */
class ConditionOperatorsTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                // String
                row("{'StringEquals':{'s3:prefix':'home/'}}", "s3:prefix=home/", true),
                row("{'StringEquals':{'s3:prefix':'home/'}}", "s3:prefix=Home/", false),
                row("{'StringEquals':{'s3:prefix':['a','home/']}}", "s3:prefix=home/", true),
                row("{'StringEquals':{'s3:prefix':'home/'}}", "", false),
                row("{'StringEquals':{'S3:PREFIX':'home/'}}", "s3:prefix=home/", true),
                row("{'StringEquals':{'s3:prefix':'h*'}}", "s3:prefix=home/", false),
                row("{'StringEquals':{'s3:prefix':'h*'}}", "s3:prefix=h*", true),
                row("{'StringNotEquals':{'s3:prefix':'home/'}}", "s3:prefix=other", true),
                row("{'StringNotEquals':{'s3:prefix':'home/'}}", "s3:prefix=home/", false),
                row("{'StringNotEquals':{'s3:prefix':['a','b']}}", "s3:prefix=b", false),
                row("{'StringNotEquals':{'s3:prefix':['a','b']}}", "s3:prefix=c", true),
                row("{'StringNotEquals':{'s3:prefix':'home/'}}", "", true),
                row("{'StringEqualsIgnoreCase':{'aws:PrincipalTag/team':'ML'}}", "aws:PrincipalTag/team=ml", true),
                row("{'StringEqualsIgnoreCase':{'aws:PrincipalTag/team':'ML'}}", "aws:PrincipalTag/team=ops", false),
                row("{'StringNotEqualsIgnoreCase':{'aws:PrincipalTag/team':'ML'}}", "aws:PrincipalTag/team=ml", false),
                row("{'StringNotEqualsIgnoreCase':{'aws:PrincipalTag/team':'ML'}}", "aws:PrincipalTag/team=x", true),
                row("{'StringLike':{'s3:prefix':'home/*'}}", "s3:prefix=home/a/b", true),
                row("{'StringLike':{'s3:prefix':'home/*'}}", "s3:prefix=Home/a", false),
                row("{'StringLike':{'s3:prefix':'ho?e/'}}", "s3:prefix=hole/", true),
                row("{'StringLike':{'s3:prefix':'ho?e/'}}", "s3:prefix=hoe/", false),
                row("{'StringLike':{'s3:prefix':''}}", "s3:prefix=", true),
                row("{'StringNotLike':{'s3:prefix':'home/*'}}", "s3:prefix=tmp/x", true),
                row("{'StringNotLike':{'s3:prefix':'home/*'}}", "s3:prefix=home/x", false),
                row("{'StringNotLike':{'s3:prefix':'home/*'}}", "", true),
                // Numeric
                row("{'NumericEquals':{'s3:max-keys':'10'}}", "s3:max-keys=10", true),
                row("{'NumericEquals':{'s3:max-keys':'10'}}", "s3:max-keys=10.0", true),
                row("{'NumericEquals':{'s3:max-keys':'10'}}", "s3:max-keys=11", false),
                row("{'NumericNotEquals':{'s3:max-keys':'10'}}", "s3:max-keys=11", true),
                row("{'NumericNotEquals':{'s3:max-keys':'10'}}", "s3:max-keys=10", false),
                row("{'NumericLessThan':{'s3:max-keys':'10'}}", "s3:max-keys=9", true),
                row("{'NumericLessThan':{'s3:max-keys':'10'}}", "s3:max-keys=10", false),
                row("{'NumericLessThanEquals':{'s3:max-keys':'10'}}", "s3:max-keys=10", true),
                row("{'NumericLessThanEquals':{'s3:max-keys':'10'}}", "s3:max-keys=10.5", false),
                row("{'NumericGreaterThan':{'s3:max-keys':'10'}}", "s3:max-keys=10.5", true),
                row("{'NumericGreaterThan':{'s3:max-keys':'10'}}", "s3:max-keys=10", false),
                row("{'NumericGreaterThanEquals':{'s3:max-keys':'-1.5'}}", "s3:max-keys=-1.5", true),
                row("{'NumericGreaterThanEquals':{'s3:max-keys':'0'}}", "s3:max-keys=-1", false),
                row("{'NumericLessThan':{'s3:max-keys':'10'}}", "", false),
                row("{'NumericLessThan':{'s3:max-keys':10}}", "s3:max-keys=3", true),
                // Date: ISO 8601 and epoch seconds, either side
                row("{'DateLessThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}", "aws:CurrentTime=2025-12-31T23:59:59Z", true),
                row("{'DateLessThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}", "aws:CurrentTime=2026-01-01T00:00:00Z", false),
                row("{'DateLessThanEquals':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}", "aws:CurrentTime=2026-01-01T00:00:00Z", true),
                row("{'DateGreaterThan':{'aws:CurrentTime':'2026-01-01'}}", "aws:CurrentTime=2026-01-01T00:00:01Z", true),
                row("{'DateGreaterThan':{'aws:CurrentTime':'2026-01-01'}}", "aws:CurrentTime=2025-06-01T00:00:00Z", false),
                row("{'DateGreaterThanEquals':{'aws:CurrentTime':'2026-01-01T01:00:00+01:00'}}", "aws:CurrentTime=2026-01-01T00:00:00Z", true),
                row("{'DateEquals':{'aws:EpochTime':'1767225600'}}", "aws:EpochTime=2026-01-01T00:00:00Z", true),
                row("{'DateEquals':{'aws:EpochTime':'1767225600'}}", "aws:EpochTime=1767225601", false),
                row("{'DateNotEquals':{'aws:EpochTime':'1767225600'}}", "aws:EpochTime=1767225601", true),
                row("{'DateNotEquals':{'aws:EpochTime':'1767225600'}}", "aws:EpochTime=1767225600", false),
                row("{'DateLessThan':{'aws:TokenIssueTime':'2026-01-01T00:00:00.000Z'}}", "aws:TokenIssueTime=2025-12-31T23:59:59.999Z", true),
                // Bool
                row("{'Bool':{'aws:SecureTransport':'true'}}", "aws:SecureTransport=true", true),
                row("{'Bool':{'aws:SecureTransport':'true'}}", "aws:SecureTransport=false", false),
                row("{'Bool':{'aws:SecureTransport':true}}", "aws:SecureTransport=TRUE", true),
                row("{'Bool':{'aws:SecureTransport':'false'}}", "", false),
                row("{'BoolIfExists':{'aws:MultiFactorAuthPresent':'true'}}", "", true),
                row("{'BoolIfExists':{'aws:MultiFactorAuthPresent':'true'}}", "aws:MultiFactorAuthPresent=false", false),
                // Binary (base64)
                row("{'BinaryEquals':{'key':'QmluYXJ5VmFsdWVJbkJhc2U2NA=='}}", "key=QmluYXJ5VmFsdWVJbkJhc2U2NA==", true),
                row("{'BinaryEquals':{'key':'QmluYXJ5VmFsdWVJbkJhc2U2NA=='}}", "key=QmluYXJ5", false),
                // IP addresses, IPv4 and IPv6
                row("{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", "aws:SourceIp=203.0.113.9", true),
                row("{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", "aws:SourceIp=203.0.114.9", false),
                row("{'IpAddress':{'aws:SourceIp':'203.0.113.7'}}", "aws:SourceIp=203.0.113.7", true),
                row("{'IpAddress':{'aws:SourceIp':'203.0.113.7'}}", "aws:SourceIp=203.0.113.8", false),
                row("{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}", "aws:SourceIp=198.51.100.1", true),
                row("{'IpAddress':{'aws:SourceIp':'2001:DB8:1234:5678::/64'}}", "aws:SourceIp=2001:db8:1234:5678::1", true),
                row("{'IpAddress':{'aws:SourceIp':'2001:DB8:1234:5678::/64'}}", "aws:SourceIp=2001:db8:1234:5679::1", false),
                row("{'IpAddress':{'aws:SourceIp':'2001:DB8:1234:5678::/64'}}", "aws:SourceIp=203.0.113.1", false),
                row("{'IpAddress':{'aws:SourceIp':['10.0.0.0/8','203.0.113.0/24']}}", "aws:SourceIp=10.1.2.3", true),
                row("{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", "aws:SourceIp=198.51.100.1", true),
                row("{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", "aws:SourceIp=203.0.113.1", false),
                row("{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", "", true),
                // Arn: each of the six segments separately
                row("{'ArnEquals':{'aws:SourceArn':'arn:aws:sagemaker:us-east-1:111122223333:training-job/j1'}}", "aws:SourceArn=arn:aws:sagemaker:us-east-1:111122223333:training-job/j1", true),
                row("{'ArnEquals':{'aws:SourceArn':'arn:aws:sagemaker:us-east-1:111122223333:training-job/j1'}}", "aws:SourceArn=arn:aws:sagemaker:us-east-1:111122223333:training-job/J1", false),
                row("{'ArnLike':{'aws:SourceArn':'arn:aws:sagemaker:*:111122223333:training-job/*'}}", "aws:SourceArn=arn:aws:sagemaker:eu-west-1:111122223333:training-job/x", true),
                row("{'ArnLike':{'aws:SourceArn':'arn:aws:sagemaker:*:111122223333:training-job/*'}}", "aws:SourceArn=arn:aws:sagemaker:eu-west-1:444455556666:training-job/x", false),
                row("{'ArnLike':{'aws:SourceArn':'arn:aws:sagemaker:*:111122223333:*'}}", "aws:SourceArn=arn:aws:sagemaker:us-east-1:111122223333:a:b", true),
                row("{'ArnLike':{'aws:SourceArn':'arn:aws:*:111122223333:x'}}", "aws:SourceArn=arn:aws:s3:us-east-1:111122223333:x", false),
                row("{'ArnLike':{'aws:SourceArn':'arn:aws:sagemaker:*'}}", "aws:SourceArn=arn:aws:sagemaker:us-east-1:111122223333:x", false),
                row("{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::*'}}", "aws:SourceArn=not-an-arn", false),
                row("{'ArnNotEquals':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/admin'}}", "aws:PrincipalArn=arn:aws:iam::111122223333:role/other", true),
                row("{'ArnNotEquals':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/admin'}}", "aws:PrincipalArn=arn:aws:iam::111122223333:role/admin", false),
                row("{'ArnNotLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/admin*'}}", "aws:PrincipalArn=arn:aws:iam::111122223333:role/admin2", false),
                row("{'ArnNotLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/admin*'}}", "", true),
                // Null: true asks for an absent key, false for a present one
                row("{'Null':{'aws:TokenIssueTime':'true'}}", "", true),
                row("{'Null':{'aws:TokenIssueTime':'true'}}", "aws:TokenIssueTime=2026-01-01T00:00:00Z", false),
                row("{'Null':{'aws:TokenIssueTime':'false'}}", "aws:TokenIssueTime=2026-01-01T00:00:00Z", true),
                row("{'Null':{'aws:TokenIssueTime':false}}", "", false),
                // ...IfExists: an absent key is true; a present one is compared
                row("{'StringEqualsIfExists':{'ec2:InstanceType':'t3.micro'}}", "", true),
                row("{'StringEqualsIfExists':{'ec2:InstanceType':'t3.micro'}}", "ec2:InstanceType=p4d.24xlarge", false),
                row("{'StringNotEqualsIfExists':{'ec2:InstanceType':'t3.micro'}}", "ec2:InstanceType=t3.micro", false),
                row("{'NumericLessThanEqualsIfExists':{'sagemaker:MaxRuntimeInSeconds':'3600'}}", "", true),
                row("{'NumericLessThanEqualsIfExists':{'sagemaker:MaxRuntimeInSeconds':'3600'}}", "sagemaker:MaxRuntimeInSeconds=7200", false),
                row("{'ArnLikeIfExists':{'aws:SourceArn':'arn:aws:s3:::b'}}", "", true),
                // Set operators on multivalued keys
                row("{'ForAllValues:StringEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=a|b", true),
                row("{'ForAllValues:StringEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=a|c", false),
                row("{'ForAllValues:StringEquals':{'aws:TagKeys':['a','b']}}", "", true),
                row("{'ForAnyValue:StringEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=c|b", true),
                row("{'ForAnyValue:StringEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=c|d", false),
                row("{'ForAnyValue:StringEquals':{'aws:TagKeys':['a','b']}}", "", false),
                row("{'ForAnyValue:StringEqualsIfExists':{'aws:TagKeys':'a'}}", "", true),
                // An empty multivalued key ("aws:CalledVia": []) is a null data set: ForAllValues true, ForAnyValue
                // false, and every other operator answers as for an absent key (Null true, a negation true).
                row("{'ForAllValues:StringEquals':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]", true),
                row("{'ForAllValues:StringNotEquals':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]",
                        true),
                row("{'ForAnyValue:StringEquals':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]", false),
                row("{'ForAnyValue:StringNotEquals':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]",
                        false),
                row("{'ForAnyValue:StringEqualsIfExists':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]",
                        true),
                row("{'Null':{'aws:CalledVia':'true'}}", "aws:CalledVia=[]", true),
                row("{'Null':{'aws:CalledVia':'false'}}", "aws:CalledVia=[]", false),
                row("{'StringEquals':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]", false),
                row("{'StringNotEquals':{'aws:CalledVia':'athena.amazonaws.com'}}", "aws:CalledVia=[]", true),
                row("{'StringLike':{'k':'${aws:CalledVia}'}}", "k=x;aws:CalledVia=[]", false),
                row("{'StringLike':{'k':'${aws:CalledVia, \\u0027x\\u0027}'}}", "k=x;aws:CalledVia=[]", true),
                row("{'ForAllValues:StringNotEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=c|d", true),
                row("{'ForAllValues:StringNotEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=c|a", false),
                row("{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=a|c", true),
                row("{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['a','b']}}", "aws:TagKeys=a|b", false),
                row("{'ForAnyValue:StringLike':{'aws:TagKeys':'cost*'}}", "aws:TagKeys=owner|costCenter", true),
                row("{'ForAllValues:StringLike':{'aws:TagKeys':'cost*'}}", "aws:TagKeys=owner|costCenter", false),
                row("{'ForAnyValue:NumericGreaterThan':{'k':'5'}}", "k=1|9", true),
                row("{'ForAllValues:NumericGreaterThan':{'k':'5'}}", "k=1|9", false),
                row("{'ForAnyValue:IpAddress':{'k':'10.0.0.0/8'}}", "k=192.0.2.1|10.9.9.9", true),
                // AND across keys and operators, OR across values
                row("{'StringEquals':{'a':'1','b':'2'}}", "a=1;b=2", true),
                row("{'StringEquals':{'a':'1','b':'2'}}", "a=1;b=3", false),
                row("{'StringEquals':{'a':'1'},'Bool':{'t':'true'}}", "a=1;t=true", true),
                row("{'StringEquals':{'a':'1'},'Bool':{'t':'true'}}", "a=1", false));
    }

    private static Arguments row(String condition, String context, boolean applies) {
        return Arguments.of(condition.replace('\'', '"'), context, applies);
    }

    @ParameterizedTest(name = "{0} with [{1}] applies: {2}")
    @MethodSource("rows")
    void conditionBlockAppliesExactlyWhenAwsSaysItDoes(String condition, String context, boolean applies) {
        Decision.Outcome outcome = Docs.decide(PolicySet.of(allowWhen(condition)), get(Docs.OBJECT, context));

        assertThat(outcome).isEqualTo(applies ? Decision.Outcome.ALLOWED : Decision.Outcome.IMPLICIT_DENY);
    }
}
