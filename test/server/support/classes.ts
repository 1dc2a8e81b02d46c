/**
 * Class sessions the way a teacher's and a student's clients drive them over HTTP (issue 14): make
 * a class, join it, read the teacher's and a student's views, and send the teacher's actions —
 * each answer checked against the shared wire contract by `api`. Shared by the contract test and
 * the attack on the class routes.
 */
import { expect } from "vitest";
import type { ClassView, CreateClassAnswer, JoinClassAnswer, StudentView } from "../../../shared/src/wire";
import { api, type ApiResponse } from "./matches";
import type { ServerHandle } from "./server";

/** The `Authorization` header of a key. */
export const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

/** The code of a refusal, or undefined. */
export function errorCode(res: ApiResponse): string | undefined {
  return (res.body as { error?: { code: string } } | null)?.error?.code;
}

/** The class requests of a test; `onKey` hears of every teacher and student key handed out. */
export function classKit(onKey: (key: string) => void = () => undefined) {
  return {
    /** `POST /api/classes` (named "Period 3" unless the body says otherwise); expects 201. */
    newClass: async (
      server: ServerHandle,
      body: Record<string, unknown> = {},
    ): Promise<CreateClassAnswer> => {
      const res = await api(server, "POST", "/api/classes", { name: "Period 3", ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      onKey((res.body as CreateClassAnswer).teacherKey);
      return res.body as CreateClassAnswer;
    },
    /** `POST /api/classes/join`; expects 200. */
    join: async (server: ServerHandle, code: string, name: string): Promise<JoinClassAnswer> => {
      const res = await api(server, "POST", "/api/classes/join", { code, name });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      onKey((res.body as JoinClassAnswer).studentKey);
      return res.body as JoinClassAnswer;
    },
    /** The teacher's view; expects 200. */
    classView: async (server: ServerHandle, c: CreateClassAnswer): Promise<ClassView> => {
      const res = await api(server, "GET", `/api/classes/${c.classId}`, undefined, bearer(c.teacherKey));
      expect(res.status).toBe(200);
      return res.body as ClassView;
    },
    /** A student's view with their own key; expects 200. */
    async studentView(
      server: ServerHandle,
      c: { classId: string },
      st: JoinClassAnswer,
    ): Promise<StudentView> {
      const path = `/api/classes/${c.classId}/students/${st.studentId}`;
      const res = await api(server, "GET", path, undefined, bearer(st.studentKey));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as StudentView;
    },
    /** A teacher's POST under the class (`/start`, `/matches/<id>/pause`, …), with the teacher key. */
    teacher: (
      server: ServerHandle,
      c: CreateClassAnswer,
      path: string,
      body: unknown = {},
    ): Promise<ApiResponse> =>
      api(server, "POST", `/api/classes/${c.classId}${path}`, body, bearer(c.teacherKey)),
  };
}
