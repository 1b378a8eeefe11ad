import { Hono } from "hono";
import type { AppEnv } from "../env";

export const membersRoutes = new Hono<AppEnv>();
