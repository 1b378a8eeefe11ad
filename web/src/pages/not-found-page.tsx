import { A } from "@solidjs/router";
import { t } from "../i18n/common";
import { Layout } from "../ui/layout";

export default function NotFoundPage() {
  return (
    <Layout>
      <section class="card narrow">
        <h1>{t("notFoundTitle")}</h1>
        <p>{t("notFoundBody")}</p>
        <A href="/" class="btn btn-primary">
          {t("home")}
        </A>
      </section>
    </Layout>
  );
}
