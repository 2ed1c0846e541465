import * as z from 'zod';
import { applicationNumberSchema } from '#domain/stages/service-stage.ts';
import { bodyIdParams } from './params.ts';

/** `/v1/bodies/{id}/applications/{applicationNumber}`: an application number is unique per body. */
export const applicationParams = bodyIdParams.extend({ applicationNumber: applicationNumberSchema });
