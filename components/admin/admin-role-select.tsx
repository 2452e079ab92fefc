'use client';
import { useRouter } from 'next/navigation';
import { updateAdminAction } from '@/app/(portal)/admins/actions';
import { useToast } from '@/components/ui/toast';

type Props = { id: string; email: string; role: string; tenantId: string | null; tenants: { id: string; name: string }[] };

/** Role and tenant in one select: "role|tenant" keeps the pair valid by construction. */
export function AdminRoleSelect({ id, email, role, tenantId, tenants }: Props) {
  const router = useRouter();
  const toast = useToast();
  const options = [
    { value: 'platform_admin|', label: 'Platform admin' },
    { value: 'viewer|', label: 'Viewer · all tenants' },
    ...tenants.flatMap((t) => [
      { value: `tenant_admin|${t.id}`, label: `Tenant admin · ${t.name}` },
      { value: `viewer|${t.id}`, label: `Viewer · ${t.name}` },
    ]),
  ];
  return (
    <select
      aria-label={`Role of ${email}`}
      defaultValue={`${role}|${tenantId ?? ''}`}
      className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
      onChange={async (e) => {
        const [r, t] = e.target.value.split('|');
        const res = await updateAdminAction(id, { role: r as 'viewer', tenantId: t || null });
        if (!res.ok) {
          toast(res.message, 'error');
          router.refresh();
          return;
        }
        toast(`${email} is now ${e.target.selectedOptions[0].text}`);
        router.refresh();
      }}
    >
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}
