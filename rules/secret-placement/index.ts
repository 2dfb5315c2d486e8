export { default as FunctionEnvironmentSecret } from './FunctionEnvironmentSecret';
export { default as TaskDefinitionEnvironmentSecret } from './TaskDefinitionEnvironmentSecret';
export { default as CodeBuildEnvironmentSecret } from './CodeBuildEnvironmentSecret';
export { default as BatchJobEnvironmentSecret } from './BatchJobEnvironmentSecret';
export { default as SsmParameterSecret } from './SsmParameterSecret';
export { default as SecretParameterExposed } from './SecretParameterExposed';
export { default as OutputSecret } from './OutputSecret';
