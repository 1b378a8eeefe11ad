// Placeholder: the room helper replaces this file with the live member / chair / leader / minutes views.
import { Layout } from "../ui/layout";

export default function RoomPage() {
  return (
    <Layout>
      <h1>Phòng họp / Meeting room</h1>
    </Layout>
  );
}
