// The Management API's routes (users, lifecycle, factors, groups, app assignments); GET
// /api/v1/users/:id is registered with /me in routes/index.ts and reaches getUser from there.
import type { Router } from '../http/router.js';
import { activateFactor, enrollFactor, getFactor, listFactors, unenrollFactor } from './factors.js';
import {
  assignUserToGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listGroupUsers,
  unassignUserFromGroup,
} from './groups.js';
import { assignUserToApplication, listApplicationGroups, unassignUserFromApplication } from './apps.js';
import { activateUser, createUser, deactivateUser, deleteUser, listUserGroups, listUsers } from './users.js';

export function addManagementRoutes(router: Router): void {
  router
    .add('GET', '/api/v1/users', listUsers)
    .add('POST', '/api/v1/users', createUser)
    .add('DELETE', '/api/v1/users/:id', deleteUser)
    .add('POST', '/api/v1/users/:id/lifecycle/activate', activateUser)
    .add('POST', '/api/v1/users/:id/lifecycle/deactivate', deactivateUser)
    .add('GET', '/api/v1/users/:id/groups', listUserGroups)
    .add('GET', '/api/v1/users/:userId/factors', listFactors)
    .add('POST', '/api/v1/users/:userId/factors', enrollFactor)
    .add('GET', '/api/v1/users/:userId/factors/:factorId', getFactor)
    .add('DELETE', '/api/v1/users/:userId/factors/:factorId', unenrollFactor)
    .add('POST', '/api/v1/users/:userId/factors/:factorId/lifecycle/activate', activateFactor)
    .add('GET', '/api/v1/groups', listGroups)
    .add('POST', '/api/v1/groups', createGroup)
    .add('GET', '/api/v1/groups/:groupId', getGroup)
    .add('DELETE', '/api/v1/groups/:groupId', deleteGroup)
    .add('GET', '/api/v1/groups/:groupId/users', listGroupUsers)
    .add('PUT', '/api/v1/groups/:groupId/users/:userId', assignUserToGroup)
    .add('DELETE', '/api/v1/groups/:groupId/users/:userId', unassignUserFromGroup)
    .add('GET', '/api/v1/apps/:appId/groups', listApplicationGroups)
    .add('POST', '/api/v1/apps/:appId/users', assignUserToApplication)
    .add('DELETE', '/api/v1/apps/:appId/users/:userId', unassignUserFromApplication);
}
