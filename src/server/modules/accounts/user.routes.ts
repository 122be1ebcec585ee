import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  createUserSchema,
  idParamsSchema,
  pageQuerySchema,
  profileSchema,
  resetPasswordSchema,
  updateProfileSchema,
  updateUserSchema,
  userPageSchema,
  userSchema,
} from "../../../contracts/accounts.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import * as profile from "./profile.service.js";
import * as service from "./user.service.js";

const adminOnly = allow(["admin"]);

export async function userRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["users"];

  app.post(
    "/api/v1/users",
    {
      preValidation: adminOnly,
      schema: { tags, summary: "创建用户", body: createUserSchema, response: { 201: userSchema } },
    },
    async (req, reply) => {
      const user = await service.createUser(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip });
      return reply.status(201).send(user);
    },
  );

  app.get(
    "/api/v1/users",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "用户列表（按 ID 分页）",
        querystring: pageQuerySchema,
        response: { 200: userPageSchema },
      },
    },
    async (req) => service.listUsers(db, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/users/:id",
    {
      preValidation: adminOnly,
      schema: { tags, summary: "用户详情", params: idParamsSchema, response: { 200: userSchema } },
    },
    async (req) => service.getUser(db, requireUser(req), req.params.id),
  );

  app.patch(
    "/api/v1/users/:id",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "修改用户（姓名、岗位、角色、部门、启用状态）",
        params: idParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (req) =>
      service.updateUser(db, requireUser(req), req.params.id, req.body, { now: clock.now(), ip: req.ip }),
  );

  app.post(
    "/api/v1/users/:id/reset-password",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "重置密码（解除锁定并注销该用户所有会话）",
        params: idParamsSchema,
        body: resetPasswordSchema,
        response: { 200: userSchema },
      },
    },
    async (req) =>
      service.resetPassword(db, requireUser(req), req.params.id, req.body.password, {
        now: clock.now(),
        ip: req.ip,
      }),
  );

  app.post(
    "/api/v1/users/:id/unlock",
    {
      preValidation: adminOnly,
      schema: { tags, summary: "解除登录锁定", params: idParamsSchema, response: { 200: userSchema } },
    },
    async (req) => service.unlockUser(db, requireUser(req), req.params.id, { now: clock.now(), ip: req.ip }),
  );

  // 个人中心: every signed-in user reads and sets their own office phone (工作单联系人电话).
  app.get(
    "/api/v1/me/profile",
    {
      preValidation: allow([]),
      schema: { tags, summary: "本人资料（含办公电话）", response: { 200: profileSchema } },
    },
    async (req) => profile.getProfile(db, requireUser(req)),
  );

  app.patch(
    "/api/v1/me/profile",
    {
      preValidation: allow([]),
      schema: {
        tags,
        summary: "修改本人办公电话（分办时默认印为工作单联系电话）",
        body: updateProfileSchema,
        response: { 200: profileSchema },
      },
    },
    async (req) => profile.updateProfile(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip }),
  );
}
