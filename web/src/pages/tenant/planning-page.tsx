export default function PlanningPage() {
  return <h1>planning</h1>;
}
