import { Hono } from "hono";
import type { AppEnv } from "../env";

export const organizationsRoutes = new Hono<AppEnv>();
