/**
 * Written after tlakomy/Build-a-GraphQL-API-with-AWS-CDK-and-AppSync (lesson_04/lib/appsync-cdk-course-plan-stack.ts):
 * an AppSync API whose default authorization is an API key valid for 365 days, with the API URL and the API key itself
 * published as stack outputs (`api.apiKey`), and a DynamoDB-backed resolver. Ported to aws-cdk-lib; names are this
 * project's own.
 */
import * as path from 'node:path';
import { CfnOutput, Duration, Expiration, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw217');
  const api = new appsync.GraphqlApi(stack, 'Api', {
    name: 'course-plan-api',
    definition: appsync.Definition.fromFile(path.join(__dirname, 'schema.graphql')),
    authorizationConfig: {
      defaultAuthorization: {
        authorizationType: appsync.AuthorizationType.API_KEY,
        apiKeyConfig: {
          description: 'An API key for the course planner',
          name: 'Course planner key',
          expires: Expiration.after(Duration.days(365)),
        },
      },
    },
  });
  const table = new dynamodb.Table(stack, 'CoursesTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  const source = api.addDynamoDbDataSource('CoursesSource', table);
  source.createResolver('ListCourses', {
    typeName: 'Query',
    fieldName: 'listCourses',
    requestMappingTemplate: appsync.MappingTemplate.dynamoDbScanTable(),
    responseMappingTemplate: appsync.MappingTemplate.dynamoDbResultList(),
  });
  new CfnOutput(stack, 'GraphQLAPIURL', { value: api.graphqlUrl });
  new CfnOutput(stack, 'GraphQLAPIKey', { value: api.apiKey || '' });
  return templateOf(app, stack);
}
