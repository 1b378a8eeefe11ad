import { Hono } from "hono";
import type { AppEnv } from "../env";

export const ticketsRoutes = new Hono<AppEnv>();
