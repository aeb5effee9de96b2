import { isServiceError, type ServiceError } from '../../main/errors/service-error';

/** The ServiceError a promise rejects with; fails the test if it succeeds or throws anything else. */
export async function serviceErrorOf(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    if (isServiceError(error)) return error;
    throw error;
  }
  throw new Error('expected a ServiceError, got success');
}
