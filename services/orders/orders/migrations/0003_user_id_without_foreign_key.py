"""Turn Order.user, a foreign key into users, into a plain indexed user_id.

Every row keeps its id and its user id: the column user_id already holds
them, so only the foreign key constraint goes. See
docs/01-modular-monolith.md, "The foreign key becomes an id". Since stage 2
0001 makes the column a plain integer for a new database, and the first
operation here changes nothing for it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0002_visible_names"),
    ]

    operations = [
        # 1. Keep the column (user_id, indexed) but drop the constraint. The
        #    field is still named "user", so its column is named explicitly.
        migrations.AlterField(
            model_name="order",
            name="user",
            field=models.BigIntegerField(db_column="user_id", db_index=True),
        ),
        # 2. Name the field after its column: order.user_id, a plain integer.
        migrations.RenameField(model_name="order", old_name="user", new_name="user_id"),
        # 3. The column name is now the default one; this changes only the state.
        migrations.AlterField(
            model_name="order",
            name="user_id",
            field=models.BigIntegerField(db_index=True),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(
                condition=models.Q(("user_id__gte", 1)),
                name="orders_order_user_id_positive",
            ),
        ),
    ]
