import { dirname, join } from 'node:path';
import {
  CloudFormationValidatePlugin,
  NestedStack,
  Stack,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyValidationStack,
} from 'aws-cdk-lib';

/**
 * CDK's built-in CloudFormation validation (schemas and default rules, errors failing synthesis
 * under `@aws-cdk/core:validateAgainstDefaultRules`) reads the templates of the app's stacks, not
 * those of their nested stacks: registered in the app, this one validates both, so the route
 * functions of the stateless stack's nested stacks are checked as when they were in the stack.
 * Being a CloudFormationValidatePlugin it replaces the built-in one (CDK adds that only when the
 * app registers none) under the same name, so it runs once and the feature flag treats it the same.
 */
export class TemplateValidation extends CloudFormationValidatePlugin {
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return super.validate({ ...context, stackTemplates: [...context.stackTemplates, ...nestedTemplates(context)] });
  }
}

/** Each nested stack's template, next to its top-level stack's (when that stack is validated). */
function nestedTemplates(context: IPolicyValidationContext): PolicyValidationStack[] {
  const byPath = new Map(context.stackTemplates.map((template) => [template.stackConstructPath, template]));
  return context.appConstruct.node
    .findAll()
    .filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct))
    .flatMap((nested) => {
      const top = byPath.get(topLevelStackOf(nested).node.path);
      if (top === undefined) return [];
      return [{ ...top, stackConstructPath: nested.node.path, templatePath: join(dirname(top.templatePath), nested.templateFile) }];
    });
}

function topLevelStackOf(stack: Stack): Stack {
  return stack.nestedStackParent === undefined ? stack : topLevelStackOf(stack.nestedStackParent);
}
